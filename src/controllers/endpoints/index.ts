/**
 * The Endpoints controller: keeps, for every Service with a selector, an Endpoints object listing
 * the selected pods' addresses (ready and not ready) and the ports each resolves, for the service
 * proxy and for discovery to read.
 */
export { type StartEndpointsControllerOptions, startEndpointsController } from "./endpoints-controller.js";
export { computeSubsets, isEndpointCandidate, resolveTargetPort } from "./subsets.js";

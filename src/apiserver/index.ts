/**
 * The API server and its clients: HTTP routes in Kubernetes' REST layout, discovery, watch
 * streaming, bearer-token auth, pods' log and exec proxied to their kubelet, Status errors; the HTTP implementation of the Client interface; and
 * the credentials (token, TLS certificate, kubeconfig) that let the CLI and kubectl reach the server.
 */
export {
  type CertificateOptions,
  certificateFits,
  createServingCertificate,
  type ServingCertificate,
} from "./certificate.js";
export { ensureServingCertificate, ensureToken } from "./credentials.js";
export { createHttpClient, type HttpClientOptions, resourcePath } from "./http-client.js";
export {
  type KubeconfigEndpoint,
  type KubeconfigOptions,
  readKubeconfig,
  renderKubeconfig,
  writeKubeconfig,
} from "./kubeconfig.js";
export {
  createPodIo,
  type PodExecOptions,
  type PodExecResult,
  type PodIo,
  type PodLogOptions,
} from "./pod-io.js";
export { type ApiServer, type ApiServerOptions, startApiServer } from "./server.js";
export { errorFromStatus, type Status, statusFromError } from "./status.js";
export { type Table, type TableColumn, type TableProvider, tableProviderFromColumns } from "./table.js";

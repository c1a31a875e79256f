/**
 * Controllers: the shared runtime (runtime/) and one folder per controller, each converging the
 * objects it owns toward their spec through the Client interface, never by calling other parts.
 */
export * from "./runtime/index.js";

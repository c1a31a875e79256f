/**
 * A minimal, valid OpenAPI v2 document for `/openapi/v2`: it names the API but declares no schemas,
 * so clients that fetch it find no definitions to validate against. Pure.
 */
export function openApiDocument(): unknown {
  return {
    swagger: "2.0",
    info: { title: "Slipway", version: "v1.32.0-slipway" },
    paths: {},
    definitions: {},
  };
}

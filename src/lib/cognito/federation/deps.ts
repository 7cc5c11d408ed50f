/**
 * What federation needs from the rest of the sandbox, handed to the user-pool engine by `createSandbox`:
 * the sandbox's own `fetch` (IdP discovery documents, metadata URLs, token and userinfo endpoints, all
 * served in-process) and the mock IdPs. (The seam with managed login is ../oauth `FederationHooks`.)
 */

/** The mock IdPs as federation sees them. */
export interface MockIdpRegistry {
	/** Stands a mock OIDC provider (issuer URL) or SAML IdP (metadata URL) up at a host nothing else serves. */
	standUpAt(url: string, kind: 'OIDC' | 'SAML'): void;
}

/** Federation's dependencies (all in-process: the sandbox never reaches the network). */
export interface FederationDeps {
	fetch(request: Request): Promise<Response>;
	idps: MockIdpRegistry;
}

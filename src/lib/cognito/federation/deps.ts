/**
 * What federation needs from the rest of the sandbox, handed to the user-pool engine by `createSandbox`:
 * the sandbox's own `fetch` (IdP discovery documents, metadata URLs, token and userinfo endpoints, all
 * served in-process), the mock IdPs, and the OAuth front end's seam once it is connected.
 */
import type { RequestTarget } from '../core/urls';

/** What the OAuth front end (src/lib/cognito/oauth) offers federation: its side of the seam. */
export interface AuthorizationHost {
	/**
	 * Opens an app authorization request from `/oauth2/authorize`-style parameters (IdP-initiated SAML sends
	 * them on the ACS URL): checks client, redirect URI, response type and scopes as `/oauth2/authorize` does
	 * and returns the request's id, or the error response to send.
	 */
	open(
		loginHost: string,
		params: URLSearchParams
	): Promise<{ requestId: string } | { response: Response }>;
	/** Continues the app's authorization with a signed-in federated user: the code and the redirect to the app. */
	complete(
		requestId: string,
		signedIn: { userPoolId: string; username: string; providerName: string }
	): Promise<Response>;
	/** Ends the app's authorization with an OAuth error sent to its redirect URI. */
	fail(requestId: string, error: string, description: string): Promise<Response>;
}

/** What federation offers the OAuth front end: its side of the seam. */
export interface FederationHooks {
	/**
	 * `/oauth2/authorize` with `identity_provider` or `idp_identifier`: the redirect to the IdP, or an error
	 * response. `requestId` is the app's authorization request, handed back to {@link AuthorizationHost.complete}.
	 */
	startSignIn(request: {
		userPoolId: string;
		clientId: string;
		providerName?: string;
		idpIdentifier?: string;
		requestId: string;
		loginHost: string;
	}): Promise<Response>;
	/** Whether a path on the login host is federation's (`/oauth2/idpresponse`, `/saml2/idpresponse`). */
	handles(path: string): boolean;
	/** Serves those paths. */
	fetch(request: Request, target: RequestTarget): Promise<Response>;
}

/** The mock IdPs as federation sees them. */
export interface MockIdpRegistry {
	/** Stands a mock OIDC provider (issuer URL) or SAML IdP (metadata URL) up at a host nothing else serves. */
	standUpAt(url: string, kind: 'OIDC' | 'SAML'): void;
}

/** Federation's dependencies (all in-process: the sandbox never reaches the network). */
export interface FederationDeps {
	fetch(request: Request): Promise<Response>;
	idps: MockIdpRegistry;
	/** Set when the OAuth front end connects. */
	authorization?: AuthorizationHost;
}

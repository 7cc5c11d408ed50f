/**
 * The trace: every event in order. The simulator's diagrams and logs are drawn from it, so each event
 * carries the exact request, response, trigger event or error as the real service would see it.
 */
export type TraceEvent =
	| {
			type: 'ApiCall';
			/** `cognito-idp`, `cognito-identity`, `cognito-sync` or `sts`. */
			service: string;
			/** Real operation name, e.g. `SignUp`, `GetCredentialsForIdentity`. */
			operation: string;
			request: unknown;
			response?: unknown;
			error?: { type: string; message: string };
			at: number;
	  }
	| {
			type: 'TriggerInvoked';
			/** LambdaConfig key, e.g. `PreSignUp`. */
			trigger: string;
			triggerSource: string;
			functionArn: string;
			event: unknown;
			response?: unknown;
			error?: { kind: string; message: string };
			logs: string[];
			durationMs: number;
			/** Attempts Cognito would have made (timeouts are retried; reported, not waited out). */
			attempts: number;
			at: number;
	  }
	| {
			type: 'TokenIssued';
			tokenUse: 'id' | 'access' | 'refresh';
			userPoolId: string;
			clientId: string;
			/** Empty for machine-to-machine tokens, which have no user. */
			username: string;
			/** Set for tokens of the OAuth token endpoint's `client_credentials` grant (billed per M2M request). */
			grantType?: 'client_credentials';
			claims?: Record<string, unknown>;
			at: number;
	  }
	| {
			type: 'MessageSent';
			channel: 'EMAIL' | 'SMS';
			destination: string;
			reason: string;
			code?: string;
			at: number;
	  }
	| {
			type: 'CredentialsIssued';
			identityId: string;
			roleArn: string;
			accessKeyId: string;
			expiration: number;
			at: number;
	  }
	| {
			type: 'PolicyEvaluated';
			principalArn: string;
			action: string;
			resource: string;
			decision: 'Allow' | 'Deny';
			statement?: unknown;
			at: number;
	  }
	| { type: 'SyncEvent'; kind: string; detail: unknown; at: number }
	| {
			/**
			 * One browser or HTTP hop to a front end of the sandbox (managed login and the OAuth 2.0 endpoints,
			 * mock identity providers, gateways): what was asked and what came back.
			 */
			type: 'WebRequest';
			/** Which front end answered, e.g. `managed-login`. */
			service: string;
			host: string;
			method: string;
			path: string;
			/** Query and form fields as sent (passwords, secrets and codes masked). */
			request: Record<string, string>;
			status: number;
			/** Where a redirect sent the browser. */
			location?: string;
			/** What happened, in a few words (e.g. `authorization code issued`, `invalid_grant`). */
			outcome: string;
			error?: string;
			at: number;
	  }
	| RiskEvaluatedEvent;

/**
 * One decision of threat protection (../risk): what it saw, each factor with its points and reason, the
 * level, the configured action and what happened. The simulator's threat-protection panel reads these.
 */
export interface RiskEvaluatedEvent {
	type: 'RiskEvaluated';
	userPoolId: string;
	clientId: string;
	username: string;
	/** The authentication event it belongs to (`EventId` in AdminListUserAuthEvents, `event_id` in tokens). */
	eventId: string;
	eventType: 'SignIn' | 'SignUp' | 'PasswordChange' | 'ForgotPassword';
	/** `AUDIT`: evaluated and recorded, never acted on; `ENFORCED`: the configured action runs. */
	mode: 'AUDIT' | 'ENFORCED';
	/** Standard authentication or custom authentication (AdvancedSecurityAdditionalFlows.CustomAuthMode). */
	flow: 'standard' | 'custom';
	context: {
		ipAddress: string;
		/** Where the IP address came from: UserContextData, ContextData, or the sandbox's own caller. */
		ipSource: 'UserContextData' | 'ContextData' | 'caller';
		country?: string;
		city?: string;
		deviceId?: string;
		deviceName?: string;
		/** Why device or IP data was not used, e.g. "EncodedData is not the sandbox's JSON form". */
		notes: string[];
	};
	factors: Array<{ factor: string; points: number; reason: string }>;
	score: number;
	/** `NoRisk`, or the risk level the score maps to. */
	level: 'NoRisk' | 'Low' | 'Medium' | 'High';
	/** Whether the password was found in the bundled breached-password list (undefined: not checked). */
	compromisedCredentials?: boolean;
	/** The configured action that applied (e.g. `MFA_REQUIRED`, `BLOCK`, `NO_ACTION`), and why. */
	action: { name: string; source: string };
	/** What the sign-in did: `Allowed`, `MfaChallenge`, `Blocked`, or `Allowed (audit only)`. */
	outcome: 'Allowed' | 'MfaChallenge' | 'Blocked' | 'AuditOnly';
	/** The notification email sent (its template), when one was. */
	notified?: 'BlockEmail' | 'MfaEmail' | 'NoActionEmail';
	at: number;
}

export type TraceListener = (event: TraceEvent) => void;

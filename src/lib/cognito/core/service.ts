/** The shape each simulated AWS service implements; `createSandbox` routes requests to them. */

/** Who is calling: the access key id from a SigV4 `Authorization` header, when there is one. */
export interface Caller {
	accessKeyId?: string;
}

/** A JSON 1.1 service (cognito-idp, cognito-identity): one operation name and a JSON body in, JSON out. */
export interface JsonService {
	/** Runs one operation; throws `ServiceError` for service exceptions. */
	handle(operation: string, input: Record<string, unknown>, caller: Caller): Promise<unknown>;
	/** Whether the operation name exists (unknown names → `UnknownOperationException`). */
	has(operation: string): boolean;
	snapshot(): unknown;
	restore(state: unknown): void;
}

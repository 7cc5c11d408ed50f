/**
 * Service errors as the real AWS services report them: an exception name (`__type`), a message and
 * an HTTP status (400 for client errors, 429 for throttling, 500 for internal errors).
 */
export class ServiceError extends Error {
	/** Exception name exactly as AWS spells it, e.g. `NotAuthorizedException`. */
	readonly type: string;
	/** HTTP status the wire protocol returns. */
	readonly status: number;

	constructor(type: string, message: string, status = 400) {
		super(message);
		this.name = type;
		this.type = type;
		this.status = status;
	}
}

/** `InvalidParameterException` with a real-style message. */
export const invalidParameter = (message: string) =>
	new ServiceError('InvalidParameterException', message);

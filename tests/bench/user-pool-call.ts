/** A raw JSON 1.1 caller of a sandbox's user-pool operations for the benchmarks (throws on service errors). */
export function userPoolCaller(sandbox: { fetch(request: Request): Promise<Response> }) {
	return async function call(
		operation: string,
		input: Record<string, unknown>
	): Promise<Record<string, any>> {
		const response = await sandbox.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: {
					'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
					'Content-Type': 'application/x-amz-json-1.1',
				},
				body: JSON.stringify(input),
			})
		);
		const body = await response.json();
		if (response.status !== 200) throw new Error(`${operation}: ${body.__type} ${body.message}`);
		return body;
	};
}

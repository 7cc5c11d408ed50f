import { ServiceError } from './errors';

/**
 * Reads a request body that must be a JSON object (an empty body counts as `{}`), failing the way AWS's
 * JSON protocols do for anything else.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (!text.trim()) return {};
	try {
		const value = JSON.parse(text);
		if (value && typeof value === 'object' && !Array.isArray(value)) return value;
	} catch {
		// Not JSON: the same error as JSON that is not an object.
	}
	throw new ServiceError(
		'SerializationException',
		'Start of structure or map found where not expected.'
	);
}

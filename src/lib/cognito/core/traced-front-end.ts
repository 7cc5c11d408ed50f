/**
 * Records every request a front end answers as a `WebRequest` trace event, for front ends that do not record
 * their own (the mock identity providers), so the simulator can draw the browser's and the user pool's hops to
 * Google or a SAML IdP. Fields, codes and tokens are masked as managed login masks them.
 */
import { fieldsOf, traceFields, traceLocation } from '../oauth/http';
import type { SandboxContext } from './context';
import type { WebFrontEnd } from './service';

/** `frontEnd`, answering the same, with each hop recorded under `service`. */
export function tracedFrontEnd(
	context: Pick<SandboxContext, 'emit' | 'clock'>,
	service: string,
	frontEnd: WebFrontEnd
): WebFrontEnd {
	return {
		serves: (host) => frontEnd.serves(host),
		async fetch(request, target, caller) {
			const fields = fieldsOf(new URL(request.url).searchParams);
			const type = request.headers.get('content-type') ?? '';
			if (request.method === 'POST' && type.startsWith('application/x-www-form-urlencoded'))
				for (const [name, value] of fieldsOf(new URLSearchParams(await request.clone().text())))
					if (!fields.has(name)) fields.set(name, value);
			const response = await frontEnd.fetch(request, target, caller);
			const location = response.headers.get('location');
			const failed = response.status >= 400;
			context.emit({
				type: 'WebRequest',
				service,
				host: target.host,
				method: request.method,
				path: target.path,
				request: traceFields(fields),
				status: response.status,
				...(location ? { location: traceLocation(location) } : {}),
				outcome: outcomeOf(response, location),
				...(failed ? { error: `HTTP ${response.status}` } : {}),
				...(caller ? { caller } : {}),
				at: context.clock.now(),
			});
			return response;
		},
	};
}

/** A few words on what came back: a page, a redirect (and where to), JSON, or the status. */
function outcomeOf(response: Response, location: string | null): string {
	if (location) {
		try {
			return `redirect to ${new URL(location).host}`;
		} catch {
			return 'redirect';
		}
	}
	const type = response.headers.get('content-type') ?? '';
	if (response.status >= 400) return `HTTP ${response.status}`;
	if (type.includes('html')) return 'page';
	if (type.includes('json')) return 'JSON';
	if (type.includes('xml')) return 'XML';
	return `HTTP ${response.status}`;
}

/** Fetches a JSON file built with the site; a non-2xx answer is an error that says `HTTP <status>`. */
export async function fetchJson<T>(url: string): Promise<T> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
	return (await response.json()) as T;
}

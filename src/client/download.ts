/** Browser helper: saves text as a file through a Blob link (no server involved). */

/** Triggers a download of `text` named `fileName`. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
	const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke later: some browsers start reading the Blob only after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

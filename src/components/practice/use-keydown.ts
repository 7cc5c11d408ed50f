/**
 * Listens to key presses on the document with the latest handler. The listener is attached before
 * the first paint (layout effect), so no key typed as soon as the view appears is lost.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

export function useKeydown(handler: (event: KeyboardEvent) => void, active = true): void {
	const ref = useRef(handler);
	ref.current = handler;
	useLayoutEffect(() => {
		if (!active) return;
		const listener = (event: KeyboardEvent) => ref.current(event);
		document.addEventListener('keydown', listener);
		return () => document.removeEventListener('keydown', listener);
	}, [active]);
}

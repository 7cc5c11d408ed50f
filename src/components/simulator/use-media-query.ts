/** Whether a CSS media query matches now, updated as it changes (e.g. a phone turned sideways). */
import { useEffect, useState } from 'preact/hooks';

export function useMediaQuery(query: string): boolean {
	const [matches, setMatches] = useState(() => globalThis.matchMedia?.(query).matches ?? false);
	useEffect(() => {
		const list = globalThis.matchMedia?.(query);
		if (!list) return;
		const update = () => setMatches(list.matches);
		update();
		list.addEventListener('change', update);
		return () => list.removeEventListener('change', update);
	}, [query]);
	return matches;
}

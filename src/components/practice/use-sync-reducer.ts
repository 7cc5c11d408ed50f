/**
 * Like `useReducer`, but the latest state is also readable synchronously through a ref, so key
 * presses that arrive before the next render (1 then Enter, typed fast) see each other's effect.
 */
import { useRef, useState } from 'preact/hooks';

export function useSyncReducer<S, A>(
	reducer: (state: S, action: A) => S,
	init: () => S
): [S, (action: A) => void, { readonly current: S }] {
	const ref = useRef<S | null>(null);
	if (ref.current === null) ref.current = init();
	const [state, setState] = useState<S>(ref.current);
	const dispatch = (action: A) => {
		ref.current = reducer(ref.current as S, action);
		setState(ref.current);
	};
	return [state, dispatch, ref as { readonly current: S }];
}

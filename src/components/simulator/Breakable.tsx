/** Text that may wrap only between words ("Confirm|Sign|Up", "origin_|jti"), never inside one. */
import { labelParts } from '../../lib/simulator';

export function Breakable({ text }: { text: string }) {
	return (
		<>
			{labelParts(text).map((part, index) => (
				<>
					{index > 0 && <wbr />}
					{part}
				</>
			))}
		</>
	);
}

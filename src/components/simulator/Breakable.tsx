/** Text that may wrap only between words ("Confirm|Sign|Up", "origin_|jti"), never inside one. */
import { Fragment } from 'preact';
import { labelParts } from '../../lib/simulator';

export function Breakable({ text }: { text: string }) {
	return (
		<>
			{labelParts(text).map((part, index) => (
				<Fragment key={index}>
					{index > 0 && <wbr />}
					{part}
				</Fragment>
			))}
		</>
	);
}

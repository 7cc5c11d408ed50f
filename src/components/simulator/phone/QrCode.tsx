/** A QR code drawn as SVG from the `otpauth://` URI, on a light background so phone cameras read it in dark mode. */
import { useMemo } from 'preact/hooks';
import { qrPath } from '../../../lib/simulator/phone';

export function QrCode({ text, label }: { text: string; label: string }) {
	const { size, path } = useMemo(() => qrPath(text), [text]);
	return (
		<svg
			class="phone-qr"
			viewBox={`0 0 ${size} ${size}`}
			role="img"
			aria-label={label}
			shape-rendering="crispEdges"
		>
			<rect width={size} height={size} fill="#fff" />
			<path d={path} fill="#000" />
		</svg>
	);
}

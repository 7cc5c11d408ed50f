/**
 * Light SVG charts. Every chart has a text alternative and a table with the same numbers next to it;
 * bars also carry their value as text, so nothing depends on colour alone.
 */

/** Horizontal bars 0–1 with an optional dashed target line; each row shows its label and value as text. */
export function BarChart({
	items,
	target,
	label,
	format = (v: number) => `${Math.round(v * 100)} %`,
}: {
	items: Array<{ label: string; value: number }>;
	/** Target line (0–1). */
	target?: number;
	/** Caption of the chart (read by screen readers). */
	label: string;
	format?: (value: number) => string;
}) {
	return (
		<figure class="bar-chart">
			<figcaption class="sr-only">{label}</figcaption>
			<ul role="list">
				{items.map((item) => {
					const w = Math.max(0, Math.min(1, item.value)) * 100;
					const onTarget = target !== undefined && item.value >= target;
					return (
						<li key={item.label}>
							<span class="bar-label">{item.label}</span>
							<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" class="chart">
								<rect x="0" y="1" width="100" height="8" class="track" />
								<rect x="0" y="1" width={w} height="8" class={onTarget ? 'fill pass' : 'fill'} />
								{target !== undefined && (
									<>
										<line x1={target * 100} x2={target * 100} y1="0" y2="10" class="target-halo" />
										<line x1={target * 100} x2={target * 100} y1="0" y2="10" class="target" />
									</>
								)}
							</svg>
							<span class="bar-value">
								{format(item.value)}
								{onTarget && ' ✓'}
							</span>
						</li>
					);
				})}
			</ul>
		</figure>
	);
}

/** Vertical bars for counts per day (due forecast). */
export function ColumnChart({ values, label }: { values: number[]; label: string }) {
	const max = Math.max(1, ...values);
	const w = 100 / values.length;
	return (
		<svg
			class="chart column-chart"
			viewBox="0 0 100 40"
			preserveAspectRatio="none"
			role="img"
			aria-label={label}
		>
			<line x1="0" x2="100" y1="39.5" y2="39.5" class="axis" />
			{values.map((value, i) => {
				const h = (value / max) * 36;
				return (
					<rect
						key={i}
						x={i * w + w * 0.15}
						y={39.5 - h}
						width={w * 0.7}
						height={h}
						class={i === 0 ? 'fill today' : 'fill'}
					/>
				);
			})}
		</svg>
	);
}

/** A year of days as a GitHub-style grid; the level is shown by shade and by a pattern of dots. */
export function Heatmap({
	days,
	label,
}: {
	days: Array<{ count: number; date: string }>;
	label: string;
}) {
	const max = Math.max(1, ...days.map((d) => d.count));
	const cell = 11;
	const first = new Date(`${days[0]?.date ?? '2025-01-01'}T00:00:00Z`).getUTCDay();
	const columns = Math.ceil((days.length + first) / 7);
	return (
		<svg
			class="chart heatmap"
			viewBox={`0 0 ${columns * cell} ${7 * cell}`}
			role="img"
			aria-label={label}
		>
			{days.map((day, i) => {
				const index = i + first;
				const level = day.count === 0 ? 0 : Math.min(4, Math.ceil((day.count / max) * 4));
				return (
					<rect
						key={day.date}
						x={Math.floor(index / 7) * cell + 1}
						y={(index % 7) * cell + 1}
						width={cell - 2}
						height={cell - 2}
						rx="2"
						class={`level-${level}`}
					>
						<title>{`${day.date}: ${day.count}`}</title>
					</rect>
				);
			})}
		</svg>
	);
}

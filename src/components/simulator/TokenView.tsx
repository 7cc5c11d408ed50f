/** Decoded JWTs found in a response: header and claims, with the claims learners compare highlighted. */
import { findJwts } from '../../lib/simulator';

const HIGHLIGHT = new Set([
	'aud',
	'client_id',
	'token_use',
	'scope',
	'cognito:groups',
	'sub',
	'exp',
	'iss',
]);

/** Shows every JWT inside `value` (nothing when there is none). */
export function TokenView({ value }: { value: unknown }) {
	const tokens = findJwts(value);
	if (tokens.length === 0) return null;
	return (
		<div class="token-view">
			{tokens.map(({ path, decoded }) => (
				<details
					class="token"
					key={path}
					open={path.endsWith('IdToken') || path.endsWith('AccessToken')}
				>
					<summary>
						Decoded <code>{path}</code>
						{typeof decoded.claims.token_use === 'string'
							? ` (token_use ${decoded.claims.token_use})`
							: ''}
					</summary>
					<p class="muted small">
						Header: alg {String(decoded.header.alg ?? '?')}, kid {String(decoded.header.kid ?? '?')}
						. Decoded here without verification; a real app verifies the signature against the
						pool's JWKS.
					</p>
					<div class="table-scroll">
						<table class="claims">
							<caption class="sr-only">Claims of {path}</caption>
							<thead>
								<tr>
									<th scope="col">Claim</th>
									<th scope="col">Value</th>
								</tr>
							</thead>
							<tbody>
								{Object.entries(decoded.claims).map(([claim, claimValue]) => (
									<tr key={claim} class={HIGHLIGHT.has(claim) ? 'highlight' : undefined}>
										<th scope="row">
											<code>{claim}</code>
										</th>
										<td>
											<code>{formatClaim(claim, claimValue)}</code>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</details>
			))}
		</div>
	);
}

export function formatClaim(claim: string, value: unknown): string {
	if ((claim === 'exp' || claim === 'iat' || claim === 'auth_time') && typeof value === 'number') {
		return `${value} (${new Date(value * 1000).toISOString().replace('.000Z', 'Z')})`;
	}
	return typeof value === 'string' ? value : JSON.stringify(value);
}

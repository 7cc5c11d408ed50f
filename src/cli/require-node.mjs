// Runs before `npm install`/`npm ci` (package.json "preinstall") under whatever Node the machine has, so it
// uses nothing newer than Node 12 syntax: it stops an install on a Node that Astro 7 cannot run on and says
// how to get a new enough one, instead of failing later with an unrelated error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
	console.error(
		[
			`Cognito Study needs Node 22.12 or newer; this is Node ${process.versions.node}.`,
			'Get Node 24 with one of:',
			'  nvm install 24 && nvm use 24            (if you use nvm; .nvmrc says 24)',
			'  npm install --prefix ~/.cache/cognito-study/node24 node@24 && export PATH="$HOME/.cache/cognito-study/node24/node_modules/.bin:$PATH"',
			'                                          (needs only the npm registry; this is what .ci/run does)',
			'then run the command again.',
		].join('\n')
	);
	process.exit(1);
}

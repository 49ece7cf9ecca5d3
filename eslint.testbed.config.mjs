// The test bed's lint rules: `npm run lint` runs them after `n8n-node lint`.
// eslint.config.mjs must stay n8n's default config word for word (strict mode:
// `n8n-node lint` refuses any other), and that config gives .js files no rules.
// The test bed (test/, scripts/, bench/) is plain Node.js that runs servers and
// timers, so it gets the recommended JS rules with Node globals here, apart
// from the community-node rules, which are meant for code that runs inside n8n.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';

export default defineConfig(
	globalIgnores(['dist', 'node_modules', 'coverage', '.bench']),
	{
		files: ['test/**/*.js', 'scripts/**/*.js', 'bench/**/*.js', 'gulpfile.js', 'jest.config.js'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			ecmaVersion: 2023,
			globals: { ...globals.node, ...globals.jest },
		},
	},
	{
		files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'module',
			ecmaVersion: 2023,
			globals: globals.node,
		},
	},
);

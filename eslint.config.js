import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'.test-data/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			// Type-aware promise rules: a forgotten await loses data in an offline-first app.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The app never turns text into HTML: Svelte escapes every `{value}`, `{@html}` is refused
		// by svelte/no-at-html-tags, and these are the DOM's other ways in (XSS, ASVS 5.0 V1.2).
		files: ['src/**/*.ts', 'src/**/*.svelte', 'service-worker/**/*.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML|srcdoc)$/]',
					message: 'Text must never become HTML (XSS): set textContent, or let Svelte draw it.'
				},
				{
					selector:
						'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|parseFromString)$/]',
					message: 'Text must never become HTML (XSS): build elements, or let Svelte draw them.'
				},
				{
					selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write/]",
					message: 'Text must never become HTML (XSS): let Svelte draw the page.'
				}
			]
		}
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	}
);

/**
 * The intended structure of the Terrace packages, enforced by lint rather than by memory. Each
 * plugin's .eslintrc.js passes `structure('<package>')` to the Backstage ESLint factory:
 *
 * - common imports no package of the suite and nothing of Node (it runs in the browser too);
 * - the frontend and the node library import only common of the suite;
 * - the backend's status readers (src/readers) never import its service (src/service), and its
 *   cloud-neutral code (service, cache, locate, search, estimate, router) never imports one
 *   cloud's readers (src/readers/<cloud>/): it reaches them through the registry;
 * - no import cycles (import/no-cycle) anywhere.
 *
 * Proven by plugins/environments-node/src/structure.lint.test.ts, which lints a forbidden import
 * and a cycle and expects these rules to report them.
 */
const { builtinModules } = require('node:module');

const SUITE = '@terrace/*';
const COMMON = '@terrace/plugin-environments-common';

/** Import patterns (gitignore style) each package may not import. */
const FORBIDDEN = {
  common: [SUITE, 'node:*'],
  frontend: [SUITE, `!${COMMON}`],
  node: [SUITE, `!${COMMON}`],
  backend: [],
  scaffolder: [],
};

/** Node's modules, which common may not import. */
const NODE_MODULES = builtinModules.map(name => ({
  name,
  message: 'environments-common runs in the browser too: no Node modules',
}));

/** `dir`: the package folder (the .eslintrc.js's __dirname), for the path zones. */
function structure(pkg, dir) {
  if (!(pkg in FORBIDDEN)) {
    throw new Error(`structure(): unknown package "${pkg}"`);
  }
  return {
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import/resolver': {
        node: { extensions: ['.ts', '.tsx', '.js', '.json'] },
      },
    },
    restrictedImports: pkg === 'common' ? NODE_MODULES : [],
    restrictedImportPatterns: FORBIDDEN[pkg],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      ...(pkg === 'backend'
        ? {
            'import/no-restricted-paths': [
              'error',
              {
                basePath: dir,
                zones: [
                  {
                    target: './src/readers',
                    from: './src/service',
                    message:
                      'Status readers never import the service: the service chooses readers, not the other way round',
                  },
                  {
                    // tests of one cloud (moto) may use its helpers; the code may not
                    target: [
                      `${dir}/src/{service,cache,locate,search,estimate}/**/!(*.test).ts`,
                      `${dir}/src/router.ts`,
                    ],
                    from: `${dir}/src/readers/*/**/*`,
                    message:
                      "Cloud-neutral code never imports one cloud's readers: it gets them from the registry by the entity's cloud",
                  },
                ],
              },
            ],
          }
        : {}),
    },
  };
}

module.exports = { structure };

// Module rules of Aircare (see ARCHITECTURE.md "Rules of the house" and docs/decisions/0001-modular-monolith.md).
// Run: npx depcruise src --config .dependency-cruiser.cjs   (part of `npm run lint`)

/**
 * Module order, low to high. A module may call modules of a lower layer (through their index.ts);
 * it reaches a higher layer only through events. Modules of the same layer may use each other's
 * public door as long as no cycle appears (no-circular). Analytics reads everything and is imported by none.
 */
const LAYERS = [
  ['identity'],
  ['customers', 'notify', 'emergency'],
  ['intake', 'parts'],
  ['dispatch'],
  ['field'],
  ['billing', 'quality'],
  ['analytics'],
];
const ALL_MODULES = LAYERS.flat();
const MODULES = 'src/server/modules';

const moduleOrderRules = LAYERS.slice(0, -1).map((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  return {
    name: `module-order-${layer.join('-')}`,
    comment:
      `${layer.join(', ')} must not import ${higher.join(', ')}: call down, notify up. ` +
      'A lower module tells a higher one about a change through an event (ctx.events.emit), never an import.',
    severity: 'error',
    from: { path: `^${MODULES}/(${layer.join('|')})/` },
    to: { path: `^${MODULES}/(${higher.join('|')})/` },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No dependency cycles, between modules or inside one.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import of the server and shared code must resolve (typo, missing package, wrong alias).',
      severity: 'error',
      from: { path: '^src/(server|shared)/' },
      to: { couldNotResolve: true },
    },

    // ---- shared: pure, imported by server and web ----
    {
      name: 'shared-not-to-server-or-web',
      comment: 'src/shared is imported by the server and the web app; it imports neither.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'shared-only-zod',
      comment:
        'src/shared depends on zod only: no other npm package, and no node built-ins (it runs in the browser too).',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-bundled',
          'npm-no-pkg',
          'npm-unknown',
          'core',
        ],
        pathNot: '(^|/)node_modules/zod/',
      },
    },

    // ---- web ----
    {
      name: 'web-not-to-server',
      comment: 'The web app talks to the server over HTTP only; shared contracts live in src/shared.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },

    // ---- server ----
    {
      name: 'platform-not-to-modules',
      comment:
        'src/server/platform is infrastructure and knows no business module. ' +
        'Modules plug in through ports (e.g. AuthPort), events, job kinds and the composition root (app.ts).',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: `^${MODULES}/` },
    },
    {
      name: 'module-public-door',
      comment: 'Another module is reached only through its index.ts (the public door), never its internals.',
      severity: 'error',
      from: { path: `^${MODULES}/([^/]+)/` },
      to: {
        path: `^${MODULES}/[^/]+/`,
        pathNot: [`^${MODULES}/$1/`, `^${MODULES}/[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'outside-code-public-door',
      comment:
        'Code outside the modules (app.ts, main.ts, seeds) uses a module through its index.ts too. ' +
        "Only src/server/db/schema.ts composes the modules' *.schema.ts files for drizzle-kit.",
      severity: 'error',
      from: { path: '^src/', pathNot: [`^${MODULES}/`, '^src/server/db/schema\\.ts$'] },
      to: { path: `^${MODULES}/[^/]+/`, pathNot: `^${MODULES}/[^/]+/index\\.ts$` },
    },
    ...moduleOrderRules,
    {
      name: 'module-not-ranked',
      comment: `Every module that imports another must have a place in the module order (${ALL_MODULES.join(', ')}). Add it to LAYERS in .dependency-cruiser.cjs and to ARCHITECTURE.md.`,
      severity: 'error',
      from: { path: `^${MODULES}/([^/]+)/`, pathNot: `^${MODULES}/(${ALL_MODULES.join('|')})/` },
      to: { path: `^${MODULES}/[^/]+/`, pathNot: `^${MODULES}/$1/` },
    },
    {
      name: 'drizzle-only-in-repositories',
      comment:
        'drizzle-orm is used only by *.repository.ts and *.schema.ts of a module, src/server/platform and ' +
        'src/server/db (schema composition, migrations, seed). Use cases call their repository.',
      severity: 'error',
      from: {
        pathNot: [`^${MODULES}/.+\\.(repository|schema)\\.ts$`, '^src/server/platform/', '^src/server/db/'],
      },
      to: { path: '(^|/)node_modules/drizzle-orm/' },
    },
    {
      name: 'db-drivers-only-in-platform-db',
      comment: 'The database drivers (pg, PGlite) are opened in src/server/platform/db only.',
      severity: 'error',
      from: { pathNot: ['^src/server/platform/db/'] },
      to: { path: '(^|/)node_modules/(pg|@electric-sql/pglite)/' },
    },
    {
      name: 'no-dev-deps-in-runtime',
      comment:
        'Server and shared code runs in production, where devDependencies are not installed; ' +
        'type-only imports are erased and allowed. Tests (*.test.ts) may use devDependencies.',
      severity: 'error',
      from: { path: '^src/(server|shared)/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-tests',
      comment: "Application code never imports the test kit or e2e helpers, nor another file's tests.",
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^test/', '^e2e/', '\\.test\\.tsx?$'] },
    },
  ],

  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^src/server/db/migrations/'] },
    moduleSystems: ['es6', 'cjs'],
    // Include `import type` edges (tagged "type-only") so the rules see every import.
    tsPreCompilationDeps: true,
    // Resolves the @shared/* @server/* @web/* @test/* paths.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

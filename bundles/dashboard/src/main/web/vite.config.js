import { defineConfig } from 'vite';

// Preact's JSX through Vite's own esbuild: no plugin. The output goes where Maven puts the bundle's classes.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: process.env.DASHBOARD_OUT || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});

// The CLI bundle has two entries: `main.js` (the `judge-cli` command) and `client.js` (the API
// client and display helpers, a CommonJS module the scripts under scripts/ require).
const { resolve } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: { main: options.entry, client: resolve(__dirname, 'src/client.ts') },
  output: { ...options.output, path: resolve(__dirname, '../../dist/apps/cli'), filename: '[name].js', library: { type: 'commonjs2' } },
});

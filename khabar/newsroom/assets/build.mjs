// Builds the editor page's script from the npm packages pinned in package-lock.json into
// the static file the site serves (`make assets`); the tests build it again into a
// temporary file and compare, so the committed bundle is always this build's output.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const outfile = process.argv[2] ?? `${here}../static/newsroom/editor.js`;

await build({
  entryPoints: [`${here}editor.js`],
  outfile,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "eof",
  logLevel: "warning",
});

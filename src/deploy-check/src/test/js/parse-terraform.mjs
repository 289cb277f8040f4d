// Parses every .tf file under the directories given as arguments with HashiCorp's HCL parser (@cdktf/hcl2json)
// and prints one JSON object: {"<dir>/<file>.tf": <parsed file>, ...}. A syntax error exits non-zero naming the
// file. Run by TerraformConfig (src/test/java), which asserts on the result.
import { parse } from '@cdktf/hcl2json';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const parsed = {};
for (const dir of process.argv.slice(2)) {
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.tf')).sort()) {
    const path = join(dir, name);
    try {
      parsed[path] = await parse(path, await readFile(path, 'utf8'));
    } catch (error) {
      console.error(`${path}: ${error.message ?? error}`);
      process.exit(1);
    }
  }
}
process.stdout.write(JSON.stringify(parsed));

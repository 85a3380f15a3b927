require('/work/main/node_modules/ts-node').register({ transpileOnly: true });
const { validationCorpus } = require('/work/main/bench/worker.ts');
const lib = require('/work/main/lib/index.js');
const objects = validationCorpus(10000);
for (let i = 0; i < 5; i++) { console.log('--- call', i); const t = process.hrtime.bigint(); new lib.ManifestValidator({}).validate(objects); console.log('=== ms', Number(process.hrtime.bigint() - t) / 1e6); }

require('/work/main/node_modules/ts-node').register({ transpileOnly: true });
const { validationCorpus } = require('/work/main/bench/worker.ts');
const lib = require('/work/main/lib/index.js');
const objects = validationCorpus(10000);
const time = (opts) => { const t = process.hrtime.bigint(); new lib.ManifestValidator(opts).validate(objects); return Number(process.hrtime.bigint() - t) / 1e6; };
const out = []; for (let i = 0; i < 12; i++) out.push(time({}).toFixed(0));
console.log(out.join(' '));

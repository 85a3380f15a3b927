require('/work/main/node_modules/ts-node').register({ transpileOnly: true });
const { validationCorpus } = require('/work/main/bench/worker.ts');
const lib = require('/work/main/lib/index.js');
const inspector = require('inspector');
const objects = validationCorpus(10000);
const s = new inspector.Session(); s.connect();
const post = (m, p) => new Promise((res, rej) => s.post(m, p || {}, (e, r) => e ? rej(e) : res(r)));
(async () => {
  new lib.ManifestValidator({}).validate(objects);
  await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  new lib.ManifestValidator({}).validate(objects);
  const { profile } = await post('Profiler.stop');
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const hits = new Map();
  profile.samples.forEach((id, i) => { const n = byId.get(id); if (n.callFrame.functionName !== 'dispatch') return;
    const chain = []; let p = parent.get(id); while (p && chain.length < 4) { const f = byId.get(p).callFrame; chain.push(`${f.functionName}:${f.lineNumber}`); p = parent.get(p); }
    const k = JSON.stringify(n.callFrame) + ' <- ' + chain.join(' <- '); hits.set(k, (hits.get(k) || 0) + profile.timeDeltas[i]); });
  for (const [k, v] of [...hits].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log((v / 1000).toFixed(1), k);
})();

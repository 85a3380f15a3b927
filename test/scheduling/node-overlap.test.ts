import { nodesCanOverlap } from '../../src/scheduling/node-overlap';
import { NodeProfile } from '../../src/scheduling/node-profile';
import { PlacementEngine } from '../../src/scheduling/placement-engine';

const terms = (...exprs: object[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } },
});

describe('nodesCanOverlap', () => {
  test('Gt and Lt bounds are compared as 64-bit integers, as the placement engine compares them', () => {
    const above = terms({ key: 'g', operator: 'Gt', values: ['9007199254740992'] });
    const below = terms({ key: 'g', operator: 'Lt', values: ['9007199254740994'] });
    // Only 9007199254740993 lies between: a node can carry it, although floating point cannot tell it from its neighbours.
    expect(nodesCanOverlap(above, below)).toBe(true);
    expect(nodesCanOverlap(above, terms({ key: 'g', operator: 'Lt', values: ['9007199254740993'] }))).toBe(false);
    const profile = NodeProfile.of({ name: 'n', labels: { g: '9007199254740993' }, allocatable: { cpu: '2', memory: '4Gi' } });
    expect(PlacementEngine.decidePod(above, profile).schedules).toBe(true);
    expect(PlacementEngine.decidePod(below, profile).schedules).toBe(true);
  });

  test('NotIn values are stepped over when looking for a value in range', () => {
    const a = terms({ key: 'g', operator: 'Gt', values: ['1'] }, { key: 'g', operator: 'NotIn', values: ['2', '3'] });
    expect(nodesCanOverlap(a, terms({ key: 'g', operator: 'Lt', values: ['5'] }))).toBe(true);
    expect(nodesCanOverlap(a, terms({ key: 'g', operator: 'Lt', values: ['4'] }))).toBe(false);
  });

  describe('rejects', () => {
    test('a Gt whose value is not an integer matches no node, in the overlap check as in the placement engine', () => {
      const bad = terms({ key: 'g', operator: 'Gt', values: ['five'] });
      expect(nodesCanOverlap(bad, {})).toBe(false);
      expect(PlacementEngine.decidePod(bad, NodeProfile.of({ name: 'n', labels: { g: '9' }, allocatable: { cpu: '2', memory: '4Gi' } })).schedules).toBe(false);
    });
  });
});

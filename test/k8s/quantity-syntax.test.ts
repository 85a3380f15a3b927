import { checkResourceQuantity } from '../../src/k8s/quantity-syntax';

test.each(['0', '1', '500m', '1.5', '.5', '+2', '64Mi', '2Gi', '1G', '1k', '1e3', '1E3', '128974848', '0.1Ki'])('%j is a resource quantity', text => {
  expect(checkResourceQuantity(text)).toBeUndefined();
});

test.each([
  ['', /is empty/],
  [' 2Gi', /spaces/],
  ['2Gi ', /spaces/],
  ['-1', /negative/],
  ['-500m', /negative/],
  ['2GB', /not a quantity/],
  ['2gi', /not a quantity/],
  ['1.2.3', /not a quantity/],
  ['.', /not a quantity/],
  ['Gi', /not a quantity/],
  ['one', /not a quantity/],
])('%j is not a resource quantity', (text, problem) => {
  expect(checkResourceQuantity(text)).toMatch(problem);
});

// An edition answered before questions declared their grouping may declare it for the question that
// already grouped its answers (by name) as a text version; every other grouping change is a logic change.
import t from 'tap';
import { compareDefinitions } from '../../server/translations/text-change.ts';

const question = (extra: Record<string, unknown> = {}) => ({
  type: 'dropdown', name: 'country', title: 'Country', choices: ['FR', 'DE'], ...extra,
});
const definition = (...elements: Record<string, unknown>[]) => ({ pages: [{ name: 'p1', elements }] });
const other = { type: 'dropdown', name: 'home', title: 'Home', choices: ['FR', 'DE'] };

t.test('declaring the grouping a question named so always had is not a logic change', async (t) => {
  const change = compareDefinitions(definition(question(), other), definition(question({ grouping: 'country' }), other));
  t.equal(change.textOnly, true);
});

t.test('removing a declared grouping is a logic change', async (t) => {
  const change = compareDefinitions(definition(question({ grouping: 'country' })), definition(question()));
  t.equal(change.textOnly, false);
  if (!change.textOnly) t.match(change.difference, /grouping/);
});

t.test('declaring another question the grouping is a logic change', async (t) => {
  const change = compareDefinitions(definition(question(), other), definition(question(), { ...other, grouping: 'country' }));
  t.equal(change.textOnly, false);
});

t.test('moving a declared grouping to another question is a logic change', async (t) => {
  const change = compareDefinitions(
    definition(question({ grouping: 'country' }), other),
    definition(question(), { ...other, grouping: 'country' }),
  );
  t.equal(change.textOnly, false);
});

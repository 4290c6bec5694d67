/** The fast path agrees with survey-core on the 2022 edition (see differential-check.ts). */
import t from 'tap';
import { checkEdition } from './differential-check.ts';

t.setTimeout(420_000);
await checkEdition(t, 'jpp-experience', '2022');

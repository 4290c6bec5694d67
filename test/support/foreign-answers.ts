/**
 * Answers to the definitions of test/fixtures/foreign/, as survey-core's data holds them in the
 * browser after a respondent filled the page (computed values included: the server recomputes them).
 */
export const FOREIGN_ANSWERS: Record<string, Record<string, unknown>[]> = {
  'hr-annual-review': [
    {
      department: 'Finance', tenure: '1to5', overall: 4,
      objectives: { quality: { status: 'met', score: 4 }, delivery: { status: 'not met', score: 2, evidence: 'A supplier delivered late' }, team: { status: 'met' } },
      climate: { respect: 'Agree', voice: 'Neutral' }, skills: ['Languages', 'Law'], wants_training: true, training_wish: 'Contract law', recommend: 8, remarks: 'A good year',
    },
    {
      department: 'Procurement', tenure: 'gt5', overall: 5,
      objectives: { quality: { status: 'met', score: 5 }, delivery: { status: 'partly met', score: 3 }, team: { status: 'met', score: 4 } },
      climate: { respect: 'Agree', voice: 'Agree' }, skills: ['Negotiation'], wants_training: false, recommend: 10,
    },
    {
      department: 'IT', overall: 3,
      objectives: { quality: { status: 'partly met' }, delivery: { status: 'met', score: 4 }, team: { status: 'not met', evidence: 'Remote work' } },
      climate: { respect: 'Neutral' }, skills: ['Data analysis', 'Languages'], wants_training: true, training_wish: 'Statistics', recommend: 6,
    },
  ],
  'clinic-intake': [
    {
      visit_date: '2026-11-30', sex: 'f', age: 54, conditions: ['Diabetes', 'other'], 'conditions-Comment': 'Gout',
      emergency: { name: 'Jan', phone: '+48 600 100 200', relation: 'Son' }, takes_medication: true,
      medications: [{ drug: 'Metformin', dose_mg: 500, frequency: 'twice a day' }, { drug: 'Vitamin D', frequency: 'other', frequency_other: 'every other day' }],
      pain: 3, allergies: 'Penicillin',
    },
    {
      visit_date: '2026-12-01', sex: 'm', age: 37, conditions: ['none'], emergency: { name: 'Ana' }, takes_medication: false, pain: 0,
    },
    {
      visit_date: '2026-12-02', sex: 'x', age: 71, conditions: ['Asthma', 'Hypertension'], emergency: { name: 'Eva', relation: 'Wife' }, takes_medication: true,
      medications: [{ drug: 'Salbutamol', frequency: 'when needed' }, { drug: 'Ramipril', dose_mg: 5, frequency: 'daily' }, { drug: 'Aspirin', dose_mg: 100, frequency: 'daily' }],
      pain: 5,
    },
  ],
  'event-registration': [
    {
      organisation: 'Border Guard HQ', contact_email: 'buyer@example.eu', session: 'innovation', party_size: 2, seats_shown: 3, seats: 3,
      colleagues: [{ role: 'lawyer', diet: 'vegan', needs: ['hearing loop'] }, { role: 'buyer', diet: 'none' }], venue: 'airport', travel_budget: 150,
    },
    { organisation: 'Civil Protection Agency', session: 'green', party_size: 0, seats_shown: 1, seats: 1, venue: 'city', travel_budget: 300 },
    {
      organisation: 'Central Purchasing Body', contact_email: 'cpb@example.eu', session: 'framework', party_size: 1, seats_shown: 2, seats: 2,
      colleagues: [{ role: 'technical expert', diet: 'vegetarian', needs: ['step-free access', 'hearing loop'] }], venue: 'city', travel_budget: 50,
    },
  ],
  'product-feedback': [
    { user_role: 'buyer', features: ['tender notices', 'e-submission'], priorities: ['search', 'speed', 'help texts', 'mobile use'], ease: 4, nps: 9, improve: 'Faster search' },
    { user_role: 'supplier', features: ['e-submission', 'e-auction', 'catalogues'], priorities: ['speed', 'mobile use', 'search', 'help texts'], ease: 2, nps: 4, improve: 'Clearer help' },
    { user_role: 'buyer', features: ['tender notices', 'contract register'], ease: 5, nps: 10 },
  ],
};

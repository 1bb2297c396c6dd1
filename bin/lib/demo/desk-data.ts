import { pick } from './client';

/** The demo desk's invented customers and requests (Keel's own text). */
export const COMPANIES = [
  { domain: 'harbourline.example', name: 'Harbourline Logistics' },
  { domain: 'meadowbrook.example', name: 'Meadowbrook Dental' },
  { domain: 'kestrel-bakery.example', name: 'Kestrel Bakery' },
  { domain: 'voltwerk.example', name: 'Voltwerk Studios' },
  { domain: 'lindenhof.example', name: 'Lindenhof Hotels' },
  { domain: 'northgate-school.example', name: 'Northgate School' },
] as const;

const PEOPLE = [
  'Noor Jansen', 'Felix Hartmann', 'Priya Raman', 'Jonas Eriksen', 'Mila de Groot', 'Tariq Haddad', 'Elise Marchand', 'Bram Visser',
  'Chiara Russo', 'Oskar Lind', 'Hana Suzuki', 'Ruben Mulder', 'Sofia Almeida', 'Daan Smit', 'Ines Moreau', 'Lars Nygaard',
  'Amara Okoye', 'Pieter Claes', 'Yara Haddou', 'Milan Horvat', 'Greta Vogel', 'Tomasz Nowak', 'Leila Karimi', 'Finn Doyle', 'Rosa Delgado',
] as const;

/** 25 contacts spread over the six companies. */
export const CONTACTS = PEOPLE.map((name, index) => {
  const company = pick(COMPANIES, index);
  return { name, email: `${pick(name.split(' '), 0).toLowerCase()}@${company.domain}` };
});

export interface RequestTemplate {
  subject: string;
  description: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
}

export const REQUESTS: RequestTemplate[] = [
  { subject: 'Cannot sign in after changing my password', description: 'I changed my password this morning and now the sign-in page keeps saying the password is wrong.', priority: 'high', tags: ['login'] },
  { subject: 'Invoice lists the wrong VAT number', description: 'Our latest invoice carries a VAT number that is not ours. Can you send a corrected copy?', priority: 'normal', tags: ['billing'] },
  { subject: 'Heat pump in the server room keeps tripping', description: 'The heat pump switches itself off every hour or so and the room gets warm quickly.', priority: 'urgent', tags: ['hardware', 'onsite'] },
  { subject: 'Could the weekly report be exported as a spreadsheet?', description: 'We paste the weekly report into a spreadsheet by hand. An export button would save us an hour a week.', priority: 'low', tags: ['feature-request'] },
  { subject: 'Two units arrived with cracked housings', description: 'Of the six thermostats delivered on Tuesday, two have cracked front panels.', priority: 'high', tags: ['shipping'] },
  { subject: 'How do I give a colleague admin rights?', description: 'A new office manager started and should be able to manage our users.', priority: 'normal', tags: ['how-to'] },
  { subject: 'Refund for a duplicate card payment', description: 'We were charged twice for the same month. Please refund the second payment.', priority: 'normal', tags: ['billing'] },
  { subject: 'Air conditioning drips onto the reception desk', description: 'Water is dripping from the ceiling unit above reception since the weekend.', priority: 'high', tags: ['hardware', 'onsite'] },
  { subject: 'Two-factor codes are not accepted', description: 'The six-digit codes from the authenticator app are rejected every time.', priority: 'high', tags: ['login', 'security'] },
  { subject: 'Please change the billing address on our account', description: 'We moved offices; future invoices should go to the new address.', priority: 'low', tags: ['billing'] },
  { subject: 'Emergency lighting test failed on floor 3', description: 'During the monthly test three emergency lights on the third floor stayed dark.', priority: 'urgent', tags: ['safety', 'onsite'] },
  { subject: 'Where can I download last year\'s invoices?', description: 'Our accountant needs all invoices from last year in one go.', priority: 'low', tags: ['billing', 'how-to'] },
  { subject: 'Booking page shows times in the wrong time zone', description: 'Customers see appointment times one hour off on the booking page.', priority: 'normal', tags: ['bug'] },
  { subject: 'Refund request for an unused training seat', description: 'One of our staff could not attend the training. Can we get that seat refunded?', priority: 'low', tags: ['billing'] },
  { subject: 'Boiler pressure drops overnight', description: 'Every morning the boiler pressure is below one bar and the radiators are cold.', priority: 'high', tags: ['hardware', 'onsite'] },
  { subject: 'Mobile app crashes when opening attachments', description: 'Opening a PDF attachment in the app closes it immediately on my phone.', priority: 'normal', tags: ['bug', 'mobile'] },
  { subject: 'Add our new site to the maintenance contract', description: 'We opened a second location and would like it covered by the same contract.', priority: 'normal', tags: ['contract'] },
  { subject: 'Order arrived without the mounting brackets', description: 'The box had the units but none of the brackets listed on the packing slip.', priority: 'normal', tags: ['shipping'] },
  { subject: 'Account locked after several attempts', description: 'A colleague tried a few old passwords and now her account is locked.', priority: 'high', tags: ['login'] },
  { subject: 'Can we get a quote for ten extra sensors?', description: 'We would like to extend the sensor network to the warehouse.', priority: 'low', tags: ['sales'] },
  { subject: 'Ventilation is very loud in meeting room B', description: 'The ventilation started rattling loudly yesterday; meetings are hard to hold.', priority: 'normal', tags: ['hardware', 'onsite'] },
  { subject: 'Payment failed although the card is valid', description: 'The renewal payment was declined but the bank says nothing was blocked.', priority: 'high', tags: ['billing'] },
  { subject: 'Notification e-mails land in spam', description: 'Since last week your notification e-mails go straight to our spam folder.', priority: 'normal', tags: ['email'] },
  { subject: 'Dashboard is blank after the latest update', description: 'The dashboard only shows the header since this morning; other pages work.', priority: 'urgent', tags: ['bug', 'outage'] },
  { subject: 'Question about the cancellation period', description: 'How many months ahead do we need to cancel if we want to stop at the end of the year?', priority: 'low', tags: ['contract', 'how-to'] },
  { subject: 'Cold store temperature alarm keeps going off', description: 'The alarm on the cold store sounds several times a night, the display reads 9 °C.', priority: 'urgent', tags: ['hardware', 'onsite'] },
  { subject: 'Refund the shipping costs for a late delivery', description: 'The delivery promised for Monday arrived on Friday. We paid for express shipping.', priority: 'normal', tags: ['shipping', 'billing'] },
  { subject: 'Importing contacts stops at row 500', description: 'The contact import always stops at row 500 without an error message.', priority: 'normal', tags: ['bug'] },
  { subject: 'Request for a data processing agreement', description: 'Our privacy officer asks for a signed data processing agreement.', priority: 'low', tags: ['legal'] },
  { subject: 'Water heater shows error E4', description: 'The water heater in the staff kitchen shows E4 and no longer heats.', priority: 'high', tags: ['hardware', 'onsite'] },
];

export const REPLIES = [
  'Thanks for letting us know. We are looking into it and will update you shortly.',
  'Thank you for the details. Could you send a photo or a screenshot so we can see what you see?',
  'We have found the cause and a fix is on its way. We will confirm once it is in place.',
  'Good news: this is sorted on our side. Let us know if anything still looks off.',
];

export const NOTES = [
  'Checked the account history; looks like the same issue as last month.',
  'Asked finance to confirm before we answer the customer.',
  'Waiting for the supplier to confirm a delivery date for the part.',
  'Customer is a key account; keep the team lead in the loop.',
];

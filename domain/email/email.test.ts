import { describe, expect, it } from 'vitest';
import {
  bouncedRecipients, classifyNoise, cleanSubject, headerText, messageIds, reachableAddress, renderTemplate, splitQuoted, storableText, subjectTicketNumber, surveyMail,
  ticketSubject, usableAddress,
} from './index';

const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));
const classify = (entries: Record<string, string>, extra: Partial<{ contentType: string; from: string; subject: string }> = {}) =>
  classifyNoise({ headers: headers(entries), contentType: extra.contentType ?? 'text/plain', from: extra.from ?? 'casey@example.com', subject: extra.subject ?? 'Printer' })?.noise ?? null;

describe('classifyNoise', () => {
  it('lets a person through and recognises robots by their headers', () => {
    expect(classify({})).toBeNull();
    expect(classify({ 'auto-submitted': 'no' })).toBeNull();
    expect(classify({ 'auto-submitted': 'auto-replied' })).toBe('auto_reply');
    expect(classify({ 'x-autoreply': 'yes' })).toBe('auto_reply');
    expect(classify({ precedence: 'bulk' })).toBe('bulk');
    expect(classify({ precedence: 'junk' })).toBe('bulk');
    expect(classify({ 'list-id': '<x.example>' })).toBe('list');
    expect(classify({}, { subject: 'Out of office: back Monday' })).toBe('auto_reply');
    expect(classify({}, { subject: 'Automatic reply: Printer' })).toBe('auto_reply');
  });

  it('recognises delivery status notifications', () => {
    expect(classify({}, { contentType: 'multipart/report; report-type=delivery-status; boundary=x' })).toBe('bounce');
    expect(classify({}, { from: 'MAILER-DAEMON@mx.example', subject: 'Undelivered Mail Returned to Sender' })).toBe('bounce');
  });
});

describe('bouncedRecipients', () => {
  it('reads failed recipients from a delivery-status part, ignoring delayed ones', () => {
    const status = 'Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; b@example.com\nAction: delayed\nStatus: 4.4.1\n';
    expect(bouncedRecipients(status)).toEqual([{ address: 'a@example.com', status: '5.1.1' }]);
  });
});

describe('threading helpers', () => {
  it('extracts Message-IDs in order', () => {
    expect(messageIds('<a@x> <b@y>\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIds('bare@id.example')).toEqual(['bare@id.example']);
    expect(messageIds(undefined)).toEqual([]);
  });

  it('finds and writes ticket tokens, and cleans subjects', () => {
    expect(subjectTicketNumber('Re: Printer [#42]')).toBe(42);
    expect(subjectTicketNumber('Re: Printer #42')).toBeNull();
    expect(ticketSubject('RE: Fwd: Printer [#42]', 42)).toBe('Re: Printer [#42]');
    expect(cleanSubject('  Re: AW: Printer  ')).toBe('Printer');
    expect(cleanSubject('')).toBe('(no subject)');
  });
});

describe('splitQuoted', () => {
  it('folds an attributed quote and keeps it', () => {
    expect(splitQuoted('Thanks!\n\nOn Mon, 1 Jan 2026, Agent wrote:\n> Try again')).toEqual({ visible: 'Thanks!', quoted: 'On Mon, 1 Jan 2026, Agent wrote:\n> Try again' });
    expect(splitQuoted('Fine\n-----Original Message-----\nFrom: x')).toEqual({ visible: 'Fine', quoted: '-----Original Message-----\nFrom: x' });
  });

  it('keeps inline answers between quotes, and a message that is all quote', () => {
    const inline = '> question 1\nanswer 1\n> question 2\nanswer 2';
    expect(splitQuoted(inline)).toEqual({ visible: inline, quoted: '' });
    expect(splitQuoted('> only a quote')).toEqual({ visible: '> only a quote', quoted: '' });
  });
});

describe('renderTemplate', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(renderTemplate('Hi {{requester.name}}, #{{ ticket.number }} {{ticket.nope}} {{x.y}}', { requester: { name: 'Casey' }, ticket: { number: 7 } })).toBe('Hi Casey, #7 {{ticket.nope}} {{x.y}}');
    expect(renderTemplate('{{requester.name}}!', { requester: { name: null } })).toBe('!');
  });
});

describe('text from mail, made storable', () => {
  it('strips NUL and unpaired surrogates, keeping pairs and line breaks in bodies', () => {
    expect(storableText('a\u0000b\ud83dc\ude00d\ud83d\ude00\r\ne')).toBe('abcd\ud83d\ude00\r\ne');
  });

  it('turns control characters in header values into single spaces', () => {
    expect(headerText(' Casey\r\nBcc: x@y\u0000\t z ')).toBe('Casey Bcc: x@y z');
  });

  it('takes only addresses mail can be written to', () => {
    expect(usableAddress('Casey@Example.COM')).toBe('casey@example.com');
    expect(usableAddress('a\u0000b@example.com')).toBeNull();
    expect(usableAddress('a b@example.com')).toBeNull();
    expect(usableAddress('')).toBeNull();
    expect(reachableAddress('unknown-sender@keel.invalid')).toBeNull();
    expect(reachableAddress('casey@example.com')).toBe('casey@example.com');
  });
});

describe('the satisfaction survey mail', () => {
  it('asks once, links the rating, keeps the ticket token in the subject and greets by name when known', () => {
    const mail = surveyMail({ number: 42, subject: 'Re: Printer on fire [#42]', requesterName: 'Casey', ratingLink: 'https://keel.example/portal/acme/requests/42/rate#token=abc' });
    expect(mail.subject).toBe('How did we do? Printer on fire [#42]');
    expect(mail.text).toContain('Hello Casey,');
    expect(mail.text).toContain('\nhttps://keel.example/portal/acme/requests/42/rate#token=abc\n');
    expect(surveyMail({ number: 7, subject: 'VPN', requesterName: null, ratingLink: 'x' }).text.startsWith('Hello,\n')).toBe(true);
  });
});

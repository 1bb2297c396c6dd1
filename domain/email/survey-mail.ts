import { ticketSubject } from './threading';

/**
 * The satisfaction survey mailed when a ticket is solved: one question and the link that
 * answers it in one click (good or bad, then an optional comment, on the portal), in the
 * ticket's thread so a reply still reaches the ticket.
 */
export function surveyMail(ticket: { number: number; subject: string; requesterName: string | null; ratingLink: string }): { subject: string; text: string } {
  const greeting = ticket.requesterName ? `Hello ${ticket.requesterName},` : 'Hello,';
  return {
    subject: ticketSubject(ticket.subject, ticket.number, 'How did we do? '),
    text: [
      greeting,
      '',
      `your request #${ticket.number} "${ticket.subject}" has been solved.`,
      '',
      'How did we do? Rate our help with one click:',
      ticket.ratingLink,
      '',
      'If it is not solved, reply to this email and the request opens again.',
    ].join('\n'),
  };
}

import type { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './status';

/** What a work order's timeline records: one entry per fact, discriminated by `type`. */
export type WorkOrderEvent =
  | {
      type: 'created';
      data: { title: string; priority: WorkOrderPriority; source: WorkOrderSource; ticketNumber: number | null; assetId: string | null; planId: string | null };
    }
  | { type: 'status_changed'; data: { from: WorkOrderStatus; to: WorkOrderStatus; reason: string | null } }
  | {
      type: 'scheduled';
      data: {
        technicianId: string;
        windowStart: string;
        windowEnd: string;
        previous: { technicianId: string | null; windowStart: string | null; windowEnd: string | null };
      };
    }
  | { type: 'unscheduled'; data: { previous: { technicianId: string | null; windowStart: string | null; windowEnd: string | null }; reason: string | null } }
  | { type: 'eta_set'; data: { etaAt: string } }
  | { type: 'arrived'; data: { at: string } }
  | { type: 'checklist_item_updated'; data: { itemId: string; label: string; done: boolean; note: string | null } }
  | { type: 'parts_used'; data: { lineId: string; itemId: string; locationId: string; quantity: number } }
  | { type: 'note_added'; data: { noteId: string; body: string } }
  | { type: 'photo_added'; data: { attachmentId: string; caption: string | null } }
  | { type: 'signed'; data: { attachmentId: string; signerName: string } }
  | { type: 'signature_waived'; data: { reason: string } }
  | { type: 'completed'; data: { at: string; timeOnSiteSeconds: number | null } }
  | { type: 'report_generated'; data: { mailedTo: string | null } };

export type WorkOrderEventType = WorkOrderEvent['type'];

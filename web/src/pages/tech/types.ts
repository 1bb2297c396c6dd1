/** The work-order API's shapes the technician app and the field-service pages use. */
export type WorkOrderStatus = 'created' | 'scheduled' | 'dispatched' | 'en_route' | 'on_site' | 'completed' | 'signed_off' | 'cancelled' | 'on_hold';

export interface ChecklistItem { id: string; label: string; done: boolean; note: string | null }

export interface WorkOrder {
  number: number;
  title: string;
  description: string;
  status: WorkOrderStatus;
  nextStatuses: WorkOrderStatus[];
  priority: 'low' | 'normal' | 'high' | 'urgent';
  source: 'direct' | 'ticket' | 'maintenance';
  ticketNumber: number | null;
  planId: string | null;
  asset: { id: string; name: string; siteAddress: string | null; site: { lat: number; lng: number } | null } | null;
  technician: { id: string; name: string } | null;
  windowStart: string | null;
  windowEnd: string | null;
  durationMinutes: number;
  requiredSkills: string[];
  etaAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  signedOffAt: string | null;
  timeOnSiteSeconds: number | null;
  checklist: ChecklistItem[];
  parts: { lineId: string; itemId: string; sku: string; name: string; locationId: string; quantity: number }[];
  notes: { id: string; body: string; createdAt: string }[];
  photos: { id: string; caption: string | null; url: string }[];
  signature: { signerName: string; url: string } | null;
  signatureWaivedReason: string | null;
  report: { url: string; mailedTo: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Technician {
  id: string;
  user: { id: string; name: string; email: string };
  skills: { skill: string; level: number }[];
  certifications: { name: string; number: string | null; expiresOn: string | null; expiry: 'valid' | 'expiring' | 'expired' | 'none' }[];
  home: { lat: number; lng: number } | null;
  shifts: Record<string, [string, string][]>;
  timeZone: string;
  timeOff: { from: string; to: string; reason: string | null }[];
  vanLocationId: string | null;
  active: boolean;
  lastPosition: { lat: number; lng: number; at: string } | null;
}

export interface Asset {
  id: string;
  name: string;
  contact: { id: string; email: string; name: string | null } | null;
  siteAddress: string | null;
  site: { lat: number; lng: number } | null;
  model: string | null;
  serial: string | null;
  installedOn: string | null;
  warrantyEndsOn: string | null;
  underWarranty: boolean;
  parentId: string | null;
  createdAt: string;
}

export interface Plan { id: string; assetId: string; name: string; rrule: string; checklist: string[]; durationMinutes: number; paused: boolean; nextRuns: string[] }
export interface InventoryItem { id: string; sku: string; name: string; unit: string }
export interface StockLevel { itemId: string; sku: string; name: string; unit: string; locationId: string; location: string; quantity: number; updatedAt: string }

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  created: 'Created', scheduled: 'Scheduled', dispatched: 'Dispatched', en_route: 'En route', on_site: 'On site',
  completed: 'Completed', signed_off: 'Signed off', cancelled: 'Cancelled', on_hold: 'On hold',
};

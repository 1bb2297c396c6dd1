/** The work-order API's shapes the technician app and the field-service pages use: aliases of the generated schema. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type WorkOrder = Schemas['WorkOrder'];
export type WorkOrderStatus = WorkOrder['status'];
export type ChecklistItem = WorkOrder['checklist'][number];
export type Technician = Schemas['Technician'];
export type Asset = Schemas['Asset'];
export type Plan = Schemas['MaintenancePlan'];
export type InventoryItem = Schemas['InventoryItem'];
export type StockLevel = Schemas['StockLevel'];

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  created: 'Created', scheduled: 'Scheduled', dispatched: 'Dispatched', en_route: 'En route', on_site: 'On site',
  completed: 'Completed', signed_off: 'Signed off', cancelled: 'Cancelled', on_hold: 'On hold',
};

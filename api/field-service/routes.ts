import type { ApiDeps } from '../deps';
import { assetRoutes } from '../routes/assets';
import { inventoryRoutes } from '../routes/inventory';
import { maintenancePlanRoutes } from '../routes/maintenance-plans';
import { ratingRoutes } from '../routes/ratings';
import { technicianRoutes } from '../routes/technicians';
import { workOrderRoutes } from '../routes/work-orders';

/** Field service: technicians, assets, inventory, maintenance plans and work orders. */
export function fieldServiceRoutes(deps: ApiDeps) {
  return [...technicianRoutes(deps), ...assetRoutes(deps), ...inventoryRoutes(deps), ...maintenancePlanRoutes(deps), ...workOrderRoutes(deps), ...ratingRoutes(deps)];
}

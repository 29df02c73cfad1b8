// The booking site's chunk (`/book`, `/manage/<token>`): loaded only on those paths, so the
// walk-in kiosk and the tracking page never carry it.
import './booking.css';

export { startBooking } from './book';
export { startManage } from './manage';

/** Run by run-all.sh before the tiers start: removes port reservations a killed run left behind. */
import { sweepStalePortReservations } from './ports.js';

const removed = sweepStalePortReservations();
if (removed > 0) console.log(`== removed ${removed} port reservation(s) left by ended test runs`);

/* The backup offered when the clerk closes the program: if the newest backup of the station (in
 * the folder last used, or [backup] dir / the default folder) is older than [backup]
 * remind_days, or there is none, ask; on yes, ask for the folder (a USB stick's, remembered for
 * next time), back up the open database with the online backup API, check the copy and keep
 * the newest [backup] keep. Nothing is asked when the program is being stopped (a signal, the
 * terminal gone), or the database is read-only or damaged. */
#ifndef STATION_UI_BACKUP_H
#define STATION_UI_BACKUP_H

void backup_offer_on_quit(void);

#endif

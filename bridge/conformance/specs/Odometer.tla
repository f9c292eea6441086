------------------------------ MODULE Odometer ------------------------------
(***************************************************************************)
(* A trip counter that moves forward or back by one between 0 and 4, and  *)
(* an odometer counting every move for ever.  The odometer never          *)
(* influences what can happen, so the model projects it away with VIEW;   *)
(* an ACTION_CONSTRAINT forbids moving back from 4.  Also an action       *)
(* property that fails: the trip counter does not only grow.  Written for *)
(* exitspec's conformance suite.                                          *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES trip, odo

vars == <<trip, odo>>

Init == trip = 0 /\ odo = 0

Forward == trip < 4 /\ trip' = trip + 1 /\ odo' = odo + 1
Back == trip > 0 /\ trip' = trip - 1 /\ odo' = odo + 1

Next == Forward \/ Back

TripView == trip

NoBackFromTop == ~(trip = 4 /\ trip' = 3)

OnlyForward == [][trip' >= trip]_vars
=============================================================================

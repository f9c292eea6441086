------------------------------- MODULE ExitWait -------------------------------
(***************************************************************************)
(* The abstract, POSIX-level specification of fork / exit / wait: what a  *)
(* user of any Unix kernel observes, independent of the kernel's locking.  *)
(* It is the TLA+ twin of the TypeScript model in spec/ and the target of  *)
(* the refinement DragonflyExit => ExitWait (see MCRefinement.tla).        *)
(*                                                                         *)
(*  - a process tree (parent), with a designated init process that never   *)
(*    exits and adopts orphans when no live reaper exists;                 *)
(*  - exit status (xstat), kept by a zombie until it is reaped;            *)
(*  - wait: a reaping wait reports each exited child exactly once; WNOWAIT *)
(*    reports it without reaping; WNOHANG returns 0 when nothing is        *)
(*    reportable yet; ECHILD when the caller has no matching child;        *)
(*  - reparenting: the children of an exiting process go to its reaper     *)
(*    (inherited at fork, procctl(PROC_REAP_ACQUIRE)) or init;             *)
(*  - stop/continue reports (WUNTRACED / WCONTINUED), each consumed once   *)
(*    unless WNOWAIT.                                                      *)
(*                                                                         *)
(* Names follow spec/state.ts: pstate "running" | "stopped" | "zombie"    *)
(* (spec/ ProcState) plus "unborn" and "reaped" (spec/ has no entry for   *)
(* those), waited = P_WAITED, continued = P_CONTINUED.                     *)
(*                                                                         *)
(* Exit and reparenting are separate steps: a kernel makes the process a   *)
(* zombie first and moves its children afterwards, one at a time, and a    *)
(* zombie is only reapable once it has no children left.                   *)
(*                                                                         *)
(* A blocking wait is not a step: only the return of a wait call is.       *)
(* The wait actions are named after their result so that a trace of wait  *)
(* returns can be matched against them.                                    *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Procs,      \* process ids (a finite set of naturals)
    InitProc,   \* pid 1: never exits, adopts orphans
    Live0,      \* processes alive in the initial state (InitProc among them)
    Parent0,    \* their parents: [Procs -> Procs \cup {NoProc}]
    Reaper0,    \* initial reaper-of function: [Procs -> Procs]
    Status,     \* exit statuses an exit may report (small set of naturals)
    NoProc      \* "no process" (a model value or 0)

ASSUME InitProc \in Live0 /\ Live0 \subseteq Procs
ASSUME NoProc \notin Procs
ASSUME \A s \in Status : s >= 0

VARIABLES
    pstate,     \* [Procs -> {"unborn","running","stopped","zombie","reaped"}]
    parent,     \* [Procs -> Procs \cup {NoProc}]
    xstat,      \* [Procs -> Status \cup {NoStatus}] exit status of a zombie
    reaperOf,   \* [Procs -> Procs]: who adopts p's orphans when p exits
    isReaper,   \* [Procs -> BOOLEAN]: p did PROC_REAP_ACQUIRE
    waited,     \* [Procs -> BOOLEAN]: P_WAITED, the current stop was already reported
    continued,  \* [Procs -> BOOLEAN]: P_CONTINUED, a continue not yet reported
    reports     \* [Procs -> Nat]: how many reaping waits reported p (history)

vars == <<pstate, parent, xstat, reaperOf, isReaper, waited, continued, reports>>

NoStatus == -1
PStates == {"unborn", "running", "stopped", "zombie", "reaped"}

Running(p) == pstate[p] \in {"running", "stopped"}   \* not exited (spec/: running or stopped)
Exists(p)  == pstate[p] \in {"running", "stopped", "zombie"}
Children(q) == {c \in Procs : parent[c] = q /\ Exists(c)}

(* The process that adopts the orphans of exiting process p: its reaper   *)
(* if that one is still running, else init (one level of the reaper       *)
(* chain is modelled; see docs/spec.md for the full walk).                *)
AdoptiveParent(p) ==
    IF reaperOf[p] # p /\ Running(reaperOf[p]) THEN reaperOf[p] ELSE InitProc

(* Written per element (not as [Procs -> S]) so that no checker has to     *)
(* enumerate a function set.                                              *)
TypeOK ==
    /\ DOMAIN pstate = Procs /\ DOMAIN parent = Procs /\ DOMAIN xstat = Procs
    /\ DOMAIN reaperOf = Procs /\ DOMAIN isReaper = Procs /\ DOMAIN waited = Procs
    /\ DOMAIN continued = Procs /\ DOMAIN reports = Procs
    /\ \A p \in Procs :
          /\ pstate[p] \in PStates
          /\ parent[p] \in Procs \cup {NoProc}
          /\ xstat[p] \in Status \cup {NoStatus}
          /\ reaperOf[p] \in Procs
          /\ isReaper[p] \in BOOLEAN
          /\ waited[p] \in BOOLEAN
          /\ continued[p] \in BOOLEAN
          /\ reports[p] \in Nat

Init ==
    /\ pstate = [p \in Procs |-> IF p \in Live0 THEN "running" ELSE "unborn"]
    /\ parent = Parent0
    /\ xstat = [p \in Procs |-> NoStatus]
    /\ reaperOf = Reaper0
    /\ isReaper = [p \in Procs |-> p = InitProc]
    /\ waited = [p \in Procs |-> FALSE]
    /\ continued = [p \in Procs |-> FALSE]
    /\ reports = [p \in Procs |-> 0]

-----------------------------------------------------------------------------
(* Process lifecycle *)

Fork(p, c) ==
    /\ Running(p) /\ pstate[c] = "unborn"
    /\ pstate' = [pstate EXCEPT ![c] = "running"]
    /\ parent' = [parent EXCEPT ![c] = p]
    /\ reaperOf' = [reaperOf EXCEPT ![c] = IF isReaper[p] THEN p ELSE reaperOf[p]]
    /\ UNCHANGED <<xstat, isReaper, waited, continued, reports>>

ReaperAcquire(p) ==
    /\ Running(p) /\ ~isReaper[p]
    /\ isReaper' = [isReaper EXCEPT ![p] = TRUE]
    /\ UNCHANGED <<pstate, parent, xstat, reaperOf, waited, continued, reports>>

(* The process becomes a zombie carrying status s. Its children are moved *)
(* by Reparent steps afterwards.                                          *)
Exit(p, s) ==
    /\ Running(p) /\ p # InitProc
    /\ pstate' = [pstate EXCEPT ![p] = "zombie"]
    /\ xstat' = [xstat EXCEPT ![p] = s]
    /\ continued' = [continued EXCEPT ![p] = FALSE]
    /\ UNCHANGED <<parent, reaperOf, isReaper, waited, reports>>

(* One child c of an exited process is handed to the adoptive parent.     *)
Reparent(c) ==
    /\ Exists(c)
    /\ parent[c] \in Procs
    /\ pstate[parent[c]] = "zombie"
    /\ parent' = [parent EXCEPT ![c] = AdoptiveParent(parent[c])]
    /\ UNCHANGED <<pstate, xstat, reaperOf, isReaper, waited, continued, reports>>

Stop(c) ==
    /\ pstate[c] = "running" /\ c # InitProc
    /\ pstate' = [pstate EXCEPT ![c] = "stopped"]
    /\ waited' = [waited EXCEPT ![c] = FALSE]
    /\ continued' = [continued EXCEPT ![c] = FALSE]
    /\ UNCHANGED <<parent, xstat, reaperOf, isReaper, reports>>

Continue(c) ==
    /\ pstate[c] = "stopped"
    /\ pstate' = [pstate EXCEPT ![c] = "running"]
    /\ continued' = [continued EXCEPT ![c] = TRUE]
    /\ UNCHANGED <<parent, xstat, reaperOf, isReaper, waited, reports>>

-----------------------------------------------------------------------------
(* wait*(): each action is one possible return of a wait call by q.      *)
(* `Match` is the idtype filter: the set of children the call selects.    *)

Matches(q) == SUBSET Children(q)

(* Reaping return: the zombie c is reported with its status and freed.    *)
WaitReap(q, c) ==
    /\ Running(q)
    /\ c \in Children(q) /\ pstate[c] = "zombie"
    /\ Children(c) = {}
    /\ pstate' = [pstate EXCEPT ![c] = "reaped"]
    /\ parent' = [parent EXCEPT ![c] = NoProc]
    /\ reports' = [reports EXCEPT ![c] = @ + 1]
    /\ UNCHANGED <<xstat, reaperOf, isReaper, waited, continued>>

(* WNOWAIT: the zombie is reported and stays waitable.                    *)
WaitNoWait(q, c) ==
    /\ Running(q)
    /\ c \in Children(q) /\ pstate[c] = "zombie"
    /\ UNCHANGED vars

(* WUNTRACED: report a stop once (WNOWAIT: keep it pending).              *)
WaitStopped(q, c, nowait) ==
    /\ Running(q)
    /\ c \in Children(q) /\ pstate[c] = "stopped" /\ ~waited[c]
    /\ waited' = [waited EXCEPT ![c] = ~nowait]
    /\ UNCHANGED <<pstate, parent, xstat, reaperOf, isReaper, continued, reports>>

(* WCONTINUED: report a continue once (WNOWAIT: keep it pending).         *)
WaitContinued(q, c, nowait) ==
    /\ Running(q)
    /\ c \in Children(q) /\ continued[c]
    /\ continued' = [continued EXCEPT ![c] = nowait]
    /\ UNCHANGED <<pstate, parent, xstat, reaperOf, isReaper, waited, reports>>

(* The filter selects no child at all: ECHILD.                            *)
WaitEChild(q, sel) ==
    /\ Running(q)
    /\ sel \in Matches(q) /\ sel = {}
    /\ UNCHANGED vars

(* WNOHANG with matching children but nothing reportable: returns 0.      *)
WaitNoHang(q, sel) ==
    /\ Running(q)
    /\ sel \in Matches(q) /\ sel # {}
    /\ \A c \in sel : pstate[c] # "zombie" /\ ~(pstate[c] = "stopped" /\ ~waited[c]) /\ ~continued[c]
    /\ UNCHANGED vars

Next ==
    \/ \E p \in Procs, c \in Procs : Fork(p, c)
    \/ \E p \in Procs : ReaperAcquire(p)
    \/ \E p \in Procs, s \in Status : Exit(p, s)
    \/ \E c \in Procs : Reparent(c) \/ Stop(c) \/ Continue(c)
    \/ \E q \in Procs, c \in Procs :
          \/ WaitReap(q, c) \/ WaitNoWait(q, c)
          \/ \E nw \in BOOLEAN : WaitStopped(q, c, nw) \/ WaitContinued(q, c, nw)
    \* WaitEChild and WaitNoHang leave the state unchanged (they are stuttering
    \* steps, allowed by [Next]_vars); they are named for trace matching only.

Spec == Init /\ [][Next]_vars

(* Fairness used by the liveness property: a zombie whose parent keeps    *)
(* calling wait is eventually reaped, and orphans are eventually adopted. *)
Fairness ==
    /\ \A c \in Procs : WF_vars(Reparent(c))
    /\ \A q \in Procs, c \in Procs : WF_vars(WaitReap(q, c))

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Invariants *)

(* Each exited child is reported by a reaping wait at most once, and a    *)
(* process is reaped exactly when it has been reported.                   *)
ReportedAtMostOnce == \A p \in Procs : reports[p] <= 1
ReapedIffReported  == \A p \in Procs : (pstate[p] = "reaped") <=> (reports[p] = 1)

(* init never exits and every existing process other than init has a     *)
(* parent that still exists (possibly as a zombie about to hand it over). *)
InitAlive == Running(InitProc)
ParentExists ==
    \A c \in Procs \ {InitProc} : Exists(c) => parent[c] \in Procs /\ Exists(parent[c])

(* A reaped process has no children left and no parent.                  *)
ReapedHasNoChildren == \A p \in Procs : pstate[p] = "reaped" => Children(p) = {}
ReapedDetached == \A p \in Procs : pstate[p] = "reaped" => parent[p] = NoProc

(* Only zombies carry an exit status.                                     *)
StatusOnlyWhenExited ==
    \A p \in Procs : (xstat[p] # NoStatus) <=> pstate[p] \in {"zombie", "reaped"}

(* The tree is acyclic: no process is its own parent.                     *)
NoSelfParent == \A p \in Procs : parent[p] # p

Invariants ==
    /\ TypeOK /\ ReportedAtMostOnce /\ ReapedIffReported /\ InitAlive /\ ParentExists
    /\ ReapedHasNoChildren /\ ReapedDetached /\ StatusOnlyWhenExited /\ NoSelfParent

(* Liveness: every zombie whose parent keeps waiting is eventually reaped *)
(* (under FairSpec; WF on WaitReap models "the parent keeps waiting").    *)
ZombiesEventuallyReaped ==
    \A c \in Procs : (pstate[c] = "zombie") ~> (pstate[c] = "reaped")
=============================================================================

------------------------------- MODULE ExitWait -------------------------------
(***************************************************************************)
(* The abstract, POSIX-level specification of fork / exit / wait: what a  *)
(* user of any Unix kernel observes, independent of the kernel's locking.  *)
(* It is the TLA+ twin of the TypeScript model in spec/ and the target of  *)
(* the refinements DragonflyExit => ExitWait (DragonflyRefinement.tla)    *)
(* and MinixPM => ExitWait (MCMinixRefinementSteps.tla).                  *)
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
(*    unless WNOWAIT;                                                      *)
(*  - SIGCHLD dispositions (sigchld): the zombie of a live parent that     *)
(*    ignores SIGCHLD or set SA_NOCLDWAIT is handed to its reaper or init. *)
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
    Sigchld0,   \* initial SIGCHLD dispositions: [Procs -> Dispositions]
    SigchldSettable, \* the dispositions sigaction may set in this world (a subset of Dispositions)
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
    sigchld,    \* [Procs -> Dispositions]: SIGCHLD disposition (spec/ ProcEntry.sigchld)
    waited,     \* [Procs -> BOOLEAN]: P_WAITED, the current stop was already reported
    continued,  \* [Procs -> BOOLEAN]: P_CONTINUED, a continue not yet reported
    reports     \* [Procs -> Nat]: how many reaping waits reported p (history)

vars == <<pstate, parent, xstat, reaperOf, isReaper, sigchld, waited, continued, reports>>

NoStatus == -1
PStates == {"unborn", "running", "stopped", "zombie", "reaped"}
(* SIG_DFL, SIG_IGN, SA_NOCLDWAIT (spec/state.ts SigchldDisposition).     *)
Dispositions == {"default", "ignore", "nocldwait"}

(* Every action is written as a guard XOK(S, ...) and a deterministic     *)
(* successor XTo(S, ...) on a state record S (the fields are the          *)
(* variables), and X(...) == XOK(St, ...) /\ Goto(XTo(St, ...)). The      *)
(* record forms let a refinement compose genuine ExitWait steps through   *)
(* explicit intermediate states (Can / After below), where one concrete   *)
(* step performs several abstract ones (MCMinixRefinementSteps.tla).      *)
St == [pstate |-> pstate, parent |-> parent, xstat |-> xstat, reaperOf |-> reaperOf,
       isReaper |-> isReaper, sigchld |-> sigchld, waited |-> waited,
       continued |-> continued, reports |-> reports]
Goto(T) ==
    /\ pstate' = T.pstate /\ parent' = T.parent /\ xstat' = T.xstat
    /\ reaperOf' = T.reaperOf /\ isReaper' = T.isReaper /\ sigchld' = T.sigchld
    /\ waited' = T.waited /\ continued' = T.continued /\ reports' = T.reports

RunningIn(S, p) == S.pstate[p] \in {"running", "stopped"}   \* not exited (spec/: running or stopped)
ExistsIn(S, p)  == S.pstate[p] \in {"running", "stopped", "zombie"}
ChildrenIn(S, q) == {c \in Procs : S.parent[c] = q /\ ExistsIn(S, c)}

(* The process that adopts the orphans of exiting process p: its reaper   *)
(* if that one is still running, else init (one level of the reaper       *)
(* chain is modelled; see docs/spec.md for the full walk).                *)
AdoptiveParentIn(S, p) ==
    IF S.reaperOf[p] # p /\ RunningIn(S, S.reaperOf[p]) THEN S.reaperOf[p] ELSE InitProc

Running(p) == RunningIn(St, p)
Exists(p)  == ExistsIn(St, p)
Children(q) == ChildrenIn(St, q)
AdoptiveParent(p) == AdoptiveParentIn(St, p)

(* Written per element (not as [Procs -> S]) so that no checker has to     *)
(* enumerate a function set.                                              *)
TypeOK ==
    /\ DOMAIN pstate = Procs /\ DOMAIN parent = Procs /\ DOMAIN xstat = Procs
    /\ DOMAIN reaperOf = Procs /\ DOMAIN isReaper = Procs /\ DOMAIN sigchld = Procs
    /\ DOMAIN waited = Procs /\ DOMAIN continued = Procs /\ DOMAIN reports = Procs
    /\ \A p \in Procs :
          /\ pstate[p] \in PStates
          /\ parent[p] \in Procs \cup {NoProc}
          /\ xstat[p] \in Status \cup {NoStatus}
          /\ reaperOf[p] \in Procs
          /\ isReaper[p] \in BOOLEAN
          /\ sigchld[p] \in Dispositions
          /\ waited[p] \in BOOLEAN
          /\ continued[p] \in BOOLEAN
          /\ reports[p] \in Nat

Init ==
    /\ pstate = [p \in Procs |-> IF p \in Live0 THEN "running" ELSE "unborn"]
    /\ parent = Parent0
    /\ xstat = [p \in Procs |-> NoStatus]
    /\ reaperOf = Reaper0
    /\ isReaper = [p \in Procs |-> p = InitProc]
    /\ sigchld = Sigchld0
    /\ waited = [p \in Procs |-> FALSE]
    /\ continued = [p \in Procs |-> FALSE]
    /\ reports = [p \in Procs |-> 0]

-----------------------------------------------------------------------------
(* Process lifecycle *)

(* The child inherits the reaper and the SIGCHLD disposition.             *)
ForkOK(S, p, c) == RunningIn(S, p) /\ S.pstate[c] = "unborn"
ForkTo(S, p, c) ==
    [S EXCEPT !.pstate[c] = "running", !.parent[c] = p,
              !.reaperOf[c] = IF S.isReaper[p] THEN p ELSE S.reaperOf[p],
              !.sigchld[c] = S.sigchld[p]]
Fork(p, c) == ForkOK(St, p, c) /\ Goto(ForkTo(St, p, c))

ReaperAcquireOK(S, p) == RunningIn(S, p) /\ ~S.isReaper[p]
ReaperAcquireTo(S, p) == [S EXCEPT !.isReaper[p] = TRUE]
ReaperAcquire(p) == ReaperAcquireOK(St, p) /\ Goto(ReaperAcquireTo(St, p))

(* sigaction(SIGCHLD): SIG_DFL, SIG_IGN or SA_NOCLDWAIT, one of the        *)
(* dispositions the world allows (SigchldSettable).                        *)
SigactionOK(S, p, d) == RunningIn(S, p) /\ d \in SigchldSettable /\ S.sigchld[p] # d
SigactionTo(S, p, d) == [S EXCEPT !.sigchld[p] = d]
Sigaction(p, d) == SigactionOK(St, p, d) /\ Goto(SigactionTo(St, p, d))

(* The process becomes a zombie carrying status s. Its children are moved *)
(* by Reparent steps afterwards.                                          *)
ExitOK(S, p, s) == RunningIn(S, p) /\ p # InitProc /\ s \in Status
ExitTo(S, p, s) == [S EXCEPT !.pstate[p] = "zombie", !.xstat[p] = s, !.continued[p] = FALSE]
Exit(p, s) == ExitOK(St, p, s) /\ Goto(ExitTo(St, p, s))

(* One child c of an exited process is handed to the adoptive parent.     *)
ReparentOK(S, c) ==
    /\ ExistsIn(S, c)
    /\ S.parent[c] \in Procs
    /\ S.pstate[S.parent[c]] = "zombie"
ReparentTo(S, c) == [S EXCEPT !.parent[c] = AdoptiveParentIn(S, S.parent[c])]
Reparent(c) == ReparentOK(St, c) /\ Goto(ReparentTo(St, c))

(* A zombie whose live parent ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT)   *)
(* is not left to that parent: it is handed to its own adoptive parent     *)
(* (its reaper, else init), which reaps it (POSIX: no zombie for such a    *)
(* parent; DragonFly exit1, seed 000:598-602; spec/lifecycle.ts exitProc,  *)
(* params.nocldwaitReparents). When that is the parent itself, nothing    *)
(* moves: no step.                                                        *)
NoCldWaitReparentOK(S, c) ==
    /\ S.pstate[c] = "zombie"
    /\ S.parent[c] \in Procs
    /\ RunningIn(S, S.parent[c])
    /\ S.sigchld[S.parent[c]] # "default"
    /\ AdoptiveParentIn(S, c) # S.parent[c]
NoCldWaitReparentTo(S, c) == [S EXCEPT !.parent[c] = AdoptiveParentIn(S, c)]
NoCldWaitReparent(c) == NoCldWaitReparentOK(St, c) /\ Goto(NoCldWaitReparentTo(St, c))

StopOK(S, c) == S.pstate[c] = "running" /\ c # InitProc
StopTo(S, c) == [S EXCEPT !.pstate[c] = "stopped", !.waited[c] = FALSE, !.continued[c] = FALSE]
Stop(c) == StopOK(St, c) /\ Goto(StopTo(St, c))

ContinueOK(S, c) == S.pstate[c] = "stopped"
ContinueTo(S, c) == [S EXCEPT !.pstate[c] = "running", !.continued[c] = TRUE]
Continue(c) == ContinueOK(St, c) /\ Goto(ContinueTo(St, c))

-----------------------------------------------------------------------------
(* wait*(): each action is one possible return of a wait call by q.      *)
(* `Match` is the idtype filter: the set of children the call selects.    *)

Matches(q) == SUBSET Children(q)

(* Reaping return: the zombie c is reported with its status and freed.    *)
WaitReapOK(S, q, c) ==
    /\ RunningIn(S, q)
    /\ c \in ChildrenIn(S, q) /\ S.pstate[c] = "zombie"
    /\ ChildrenIn(S, c) = {}
WaitReapTo(S, q, c) ==
    [S EXCEPT !.pstate[c] = "reaped", !.parent[c] = NoProc, !.reports[c] = @ + 1]
WaitReap(q, c) == WaitReapOK(St, q, c) /\ Goto(WaitReapTo(St, q, c))

(* WNOWAIT: the zombie is reported and stays waitable.                    *)
WaitNoWait(q, c) ==
    /\ Running(q)
    /\ c \in Children(q) /\ pstate[c] = "zombie"
    /\ UNCHANGED vars

(* WUNTRACED: report a stop once (WNOWAIT: keep it pending).              *)
WaitStoppedOK(S, q, c) ==
    RunningIn(S, q) /\ c \in ChildrenIn(S, q) /\ S.pstate[c] = "stopped" /\ ~S.waited[c]
WaitStoppedTo(S, c, nowait) == [S EXCEPT !.waited[c] = ~nowait]
WaitStopped(q, c, nowait) == WaitStoppedOK(St, q, c) /\ Goto(WaitStoppedTo(St, c, nowait))

(* WCONTINUED: report a continue once (WNOWAIT: keep it pending).         *)
WaitContinuedOK(S, q, c) == RunningIn(S, q) /\ c \in ChildrenIn(S, q) /\ S.continued[c]
WaitContinuedTo(S, c, nowait) == [S EXCEPT !.continued[c] = nowait]
WaitContinued(q, c, nowait) == WaitContinuedOK(St, q, c) /\ Goto(WaitContinuedTo(St, c, nowait))

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
    \/ \E p \in Procs, d \in SigchldSettable : Sigaction(p, d)
    \/ \E p \in Procs, s \in Status : Exit(p, s)
    \/ \E c \in Procs : Reparent(c) \/ NoCldWaitReparent(c) \/ Stop(c) \/ Continue(c)
    \/ \E q \in Procs, c \in Procs :
          \/ WaitReap(q, c) \/ WaitNoWait(q, c)
          \/ \E nw \in BOOLEAN : WaitStopped(q, c, nw) \/ WaitContinued(q, c, nw)
    \* WaitEChild and WaitNoHang leave the state unchanged (they are stuttering
    \* steps, allowed by [Next]_vars); they are named for trace matching only.

Spec == Init /\ [][Next]_vars

(* Fairness used by the liveness property: a zombie whose parent keeps    *)
(* calling wait is eventually reaped, and orphans are eventually adopted. *)
Fairness ==
    /\ \A c \in Procs : WF_vars(Reparent(c)) /\ WF_vars(NoCldWaitReparent(c))
    /\ \A q \in Procs, c \in Procs : WF_vars(WaitReap(q, c))

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* One abstract step named by a record d = [a |-> action, p, c, s]: the     *)
(* steps a refinement may compose when one concrete step performs several  *)
(* (process lifecycle and reaping; the wait reports that change nothing    *)
(* are stutters). Can(S, d) is the action's guard in S, After(S, d) its    *)
(* successor: the same XOK / XTo definitions the actions above use.         *)
Can(S, d) ==
    CASE d.a = "Fork"              -> ForkOK(S, d.p, d.c)
      [] d.a = "Exit"              -> ExitOK(S, d.p, d.s)
      [] d.a = "Reparent"          -> ReparentOK(S, d.c)
      [] d.a = "NoCldWaitReparent" -> NoCldWaitReparentOK(S, d.c)
      [] d.a = "WaitReap"          -> WaitReapOK(S, d.p, d.c)
      [] OTHER                     -> FALSE
After(S, d) ==
    CASE d.a = "Fork"              -> ForkTo(S, d.p, d.c)
      [] d.a = "Exit"              -> ExitTo(S, d.p, d.s)
      [] d.a = "Reparent"          -> ReparentTo(S, d.c)
      [] d.a = "NoCldWaitReparent" -> NoCldWaitReparentTo(S, d.c)
      [] d.a = "WaitReap"          -> WaitReapTo(S, d.p, d.c)
      [] OTHER                     -> S

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

(* No process is its own parent. (Only self-loops are checked; cycles    *)
(* through several processes are not.)                                   *)
NoSelfParent == \A p \in Procs : parent[p] # p

Invariants ==
    /\ TypeOK /\ ReportedAtMostOnce /\ ReapedIffReported /\ InitAlive /\ ParentExists
    /\ ReapedHasNoChildren /\ ReapedDetached /\ StatusOnlyWhenExited /\ NoSelfParent

(* Liveness: every zombie whose parent keeps waiting is eventually reaped *)
(* (under FairSpec; WF on WaitReap models "the parent keeps waiting").    *)
ZombiesEventuallyReaped ==
    \A c \in Procs : (pstate[c] = "zombie") ~> (pstate[c] = "reaped")
=============================================================================

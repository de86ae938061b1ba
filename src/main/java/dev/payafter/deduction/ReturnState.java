package dev.payafter.deduction;

/** Where a return of the goods stands. */
public enum ReturnState {
    NONE,
    /** The consumer sent the goods back; not yet checked on arrival. */
    IN_PROGRESS,
    /** The returned parcel arrived intact and was signed for. */
    ARRIVED_INTACT,
    /** The returned parcel arrived damaged: photographed and refused. */
    ARRIVED_DAMAGED
}

//! My Journey's shared rules: the domain types, their validation and the JSON contract
//! that the client and the server both speak. Nothing here knows about HTTP, storage or
//! the browser, so it compiles for the server and for WASM alike and is tested natively.

pub mod account;
pub mod apps;
pub mod audit;
pub mod changes;
pub mod checkin;
pub mod concern;
pub mod dates;
pub mod error;
pub mod feedback;
pub mod goal;
pub mod good_news;
pub mod health;
pub mod heard_back;
pub mod help;
pub mod holidays;
pub mod i18n;
pub mod ids;
pub mod iso;
pub mod journey;
pub mod number;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod paths;
pub mod phone;
pub mod plan;
pub mod push;
pub mod records;
pub mod reply;
pub mod review;
pub mod team;
pub mod text;
pub mod view;

pub use account::{
    AuditEntry, ChangePassword, ConfirmPassword, Invite, Me, NewYoungPerson, Role, SignIn, SignUp,
    YoungPersonListItem,
};
pub use audit::{AuditChoices, AuditKind, AuditPerson, AuditQuery};
pub use changes::{PlanChange, PlanVersionSummary};
pub use checkin::{
    who_can_see, CheckIn, Mood, NewCheckIn, NewSafetyAction, NewSafetyFlag, SafetyAction,
    SafetyFlag, UnseenCheckIn, WhatIsSent,
};
pub use concern::{
    AskedAgain, Concern, ConcernAbout, ConcernReader, ConcernReply, ConcernRoutes, ConcernStatus,
    NewConcern, NewConcernReply, NextStage, WhoSees,
};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError, ValidationErrors};
pub use goal::{
    AgreedBy, EarlierWords, Goal, GoalDraft, GoalRating, GoalReword, GoalStatus, GoalStatusChange,
    Goals, Progress, RatingInput, RatingPoint, SessionRatings, TypedBy, MAX_ACTIVE_GOALS,
};
pub use good_news::{GoodNews, GoodNewsAbout, GoodNewsReply, NewGoodNews, NewGoodNewsReply};
pub use health::{Health, SafetyEmail};
pub use heard_back::{HeardBack, HeardBackItem, HeardBackKind, HeardBackSeen};
pub use help::{
    BackToBuiltIn, HelpContact, HelpContent, HelpEdit, HelpForEditing, HelpHours, HelpPage,
    HelpStep, HelpVersion, Nation, OpeningHours, CHILDLINE_PHONE,
};
pub use i18n::Lang;
pub use ids::{YoungPersonId, DEMO_YOUNG_PERSON_ID};
pub use journey::Journey;
pub use plan::{
    LastReview, NewWorker, Plan, PlanEdit, PlanForEditing, PlanSaved, PlanSeen, PlanStep,
    StepStatus, WorkerCard, WorkerChange, YoungPersonSummary,
};
pub use review::{
    NewReview, NewReviewPrep, PrepRead, Review, ReviewChair, ReviewPrep, Reviews, SharedPrep,
    TakePart,
};
pub use view::{MyView, NewView, NewViewReply, Stance, ViewReply};

//! Every local area in England from Ofsted's published SEND inspection data: a record per
//! area in the [`send_lifecycle`] timeline format, validated, and where each one stands.
//!
//! Three published sources, read exactly as published (see `data/README.md`):
//! - Ofsted's official statistics for the 2016 framework, the OpenDocument spreadsheet of
//!   17 November 2022 (149 areas): inspection start and publication, whether a WSoA was
//!   required and the number of weaknesses, the revisit's start, publication and outcome
//!   as counts;
//! - Ofsted's management information for January to August 2023 (16 inspections under the
//!   2023 framework: start, publication, outcome, areas for priority action as a number);
//! - Data to Insight's scrape of the latest 2023-framework report of 96 areas, to
//!   29 June 2026 (on-site dates, outcome, publication);
//!
//! joined on the ONS area code through Data to Insight's crosswalk and [`REORGANISED`]
//! (areas recoded, split or redrawn since 2016).
//!
//! **Honest records.** Each event cites its file, sheet, row and column in `source`. The
//! sources give outcomes, not the steps between them: a revisit implies a WSoA submitted and
//! judged fit for purpose, so those are added undated, with a note saying they are inferred
//! and from what; the end of fieldwork is undated for the same reason. Every record is
//! `"coverage": "outcomes_only"`, so the validator says what is not known (`"recorded":
//! false`) instead of warning that a deadline passed. Stand-ins such as `01/01/1900`,
//! `NaN` and empty cells are [`ImportDiagnostic`]s, never dates or outcomes. The sources
//! name no health bodies: the record says so in the health body's name, and records the
//! change from clinical commissioning groups to integrated care boards on 1 July 2022.
//!
//! # Example
//! ```
//! use send_lifecycle_england::{import, shipped};
//!
//! let england = import(&shipped());
//! let view = england.national(None); // as of the newest source's snapshot, 2026-06-29
//! let oxfordshire = view.rows.iter().find(|r| r.area_name == "Oxfordshire").unwrap();
//! assert_eq!(oxfordshire.outcome.as_deref(), Some("widespread_failings"));
//! println!("{}", view.to_table());
//! ```
#![forbid(unsafe_code)]

mod areas;
mod cells;
mod diagnostic;
mod national;
mod records;
mod sources;
mod table;

pub use areas::{
    ofsted_region, reorganisation, AreaInfo, Areas, Change, Reorganisation, Resolved, REORGANISED,
};
pub use diagnostic::{column_letter, ImportCode, ImportDiagnostic, Place};
pub use national::{NationalCounts, NationalRow, NationalView, CSV_COLUMNS};
pub use records::{
    build, import, read_sources, shipped, snapshot_in_name, AreaRecord, Citations, FileSummary,
    Import, ReadSources, SourceFile, SourceFiles,
};
pub use sources::{
    read_management, read_scrape, read_statistics, Fact, ManagementRow, Read, RevisitResult,
    RevisitStart, ScrapeRow, StatisticsRow, STATISTICS_SHEET,
};
